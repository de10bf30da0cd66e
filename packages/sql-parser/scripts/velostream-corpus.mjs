#!/usr/bin/env node
// Runs the SQL that Velostream's own parser tests, example apps and demos expect to parse through the
// Velo TS parser, and lists what Velo TS rejects, so dialect gaps are found from Velostream's side.
// Velostream's sources are not copied into this repository (its licence differs): point the script at a
// checkout or a bare git directory of github.com/velostreamai/velostream.
//
// Usage: node packages/sql-parser/scripts/velostream-corpus.mjs <velostream repo or .git dir> [--all] [--json]
//   default scope: tests/unit/sql/parser/*.rs, tests/integration/sql_parser_comprehensive_test.rs,
//                  src/velostream/sql/parser/*.rs and every *.sql file;
//   --all adds tests/unit/sql/** and tests/performance/analysis/sql_operations/**.
// A string is taken from a `#[test]` function, or a `const NAME: &str`, when it starts like a statement. Tests that expect an error
// somewhere (is_err, unwrap_err, should_panic…) are reported apart: their rejections may be intended.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
// The built parser of this package (run `pnpm exec tsc -b` first).
import { parse } from '../dist/index.js';

const args = process.argv.slice(2);
const repo = args.find((a) => !a.startsWith('--'));
if (!repo) {
  console.error('usage: velostream-corpus.mjs <velostream repo or .git dir> [--all] [--json]');
  process.exit(1);
}
const all = args.includes('--all');
const asJson = args.includes('--json');

/** Lists and reads files from a working tree, or from HEAD of a (bare) git directory. */
function openRepo(dir) {
  const isWorkTree = existsSync(join(dir, 'Cargo.toml'));
  if (isWorkTree) {
    const walk = (d) => readdirSync(d).flatMap((name) => {
      if (name === '.git' || name === 'target' || name === 'node_modules') return [];
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [relative(dir, p)];
    });
    return { files: walk(dir), read: (path) => readFileSync(join(dir, path), 'utf8') };
  }
  const git = (...a) => execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { files: git('ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n'), read: (path) => git('show', `HEAD:${path}`) };
}

const STATEMENT_START = /^\s*(?:--[^\n]*\n\s*)*(SELECT|CREATE|INSERT|SHOW|LIST|DESCRIBE|EXPLAIN|START|STOP|PAUSE|RESUME|DEPLOY|ROLLBACK|DROP|WITH)\b/i;
/** `{}`, `{name}`, `{:?}` of format!/println! (not `${VAR}`, which SQL text may hold). */
const FORMAT_PLACEHOLDER = /(?<!\$)\{(?:\w*|\w*:[^}]*)\}/;
const EXPECTS_ERROR = /is_err\(\)|unwrap_err|expect_err|should_panic|Err\(_\)\s*=>\s*\{\s*\}|assert!\(!\s*result\.is_ok/;

/** The string literals of Rust source with their offsets (plain with escapes and line continuations, and raw). */
function rustStrings(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); if (i === -1) break; continue; }
    if (c === '/' && src[i + 1] === '*') { i = src.indexOf('*/', i + 2) + 2; if (i === 1) break; continue; }
    if (c === "'") {
      // a char literal ('x', '\n', '\'') or a lifetime ('a): skip the literal only
      const m = /^'(?:\\.|\\u\{[0-9a-fA-F]+\}|[^'\\])'/.exec(src.slice(i, i + 12));
      i += m ? m[0].length : 1;
      continue;
    }
    const raw = /^(b?r)(#*)"/.exec(src.slice(i, i + 10));
    if (raw && (i === 0 || !/[A-Za-z0-9_]/.test(src[i - 1]))) {
      const close = `"${raw[2]}`;
      const start = i + raw[0].length;
      const end = src.indexOf(close, start);
      out.push({ offset: i, end: end + close.length, text: src.slice(start, end) });
      i = end + close.length;
      continue;
    }
    if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] !== '\\') { text += src[j]; continue; }
        const next = src[++j];
        if (next === '\n' || next === '\r') { while (/\s/.test(src[j + 1] ?? '')) j++; continue; }
        text += { n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', "'": "'" }[next] ?? next;
      }
      out.push({ offset: i, end: j + 1, text });
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

/** `#[test]` functions: their name, body range and whether they expect an error somewhere. */
function testFunctions(src) {
  // String literals (as source ranges, quotes included) are skipped when matching braces.
  const literalEnd = new Map();
  for (const s of rustStrings(src)) literalEnd.set(s.offset, s.end);
  const tests = [];
  const attr = /#\[(?:tokio::)?test\]/g;
  for (let m; (m = attr.exec(src));) {
    const header = /fn\s+(\w+)[^{]*\{/.exec(src.slice(m.index, m.index + 2000));
    if (!header) continue;
    const open = m.index + header.index + header[0].length - 1;
    let depth = 0;
    let end = open;
    for (let k = open; k < src.length; k++) {
      const skip = literalEnd.get(k);
      if (skip !== undefined) { k = skip - 1; continue; }
      if (src[k] === '{') depth++;
      else if (src[k] === '}' && --depth === 0) { end = k; break; }
    }
    const preamble = src.slice(m.index, open);
    tests.push({ name: header[1], start: open, end, expectsError: EXPECTS_ERROR.test(src.slice(open, end)) || /should_panic/.test(preamble) });
  }
  return tests;
}

function tryParse(sql, file) {
  try {
    parse(sql, { file });
    return undefined;
  } catch (error) {
    return String(error?.message ?? error).split('\n')[0];
  }
}

const { files, read } = openRepo(repo);
const inScope = (f) =>
  f.endsWith('.sql') ||
  /^tests\/unit\/sql\/parser\/[^/]+\.rs$/.test(f) ||
  f === 'tests/integration/sql_parser_comprehensive_test.rs' ||
  /^src\/velostream\/sql\/parser\/[^/]+\.rs$/.test(f) ||
  (all && (/^tests\/unit\/sql\/.+\.rs$/.test(f) || /^tests\/performance\/analysis\/sql_operations\/.+\.rs$/.test(f)));

const results = [];
for (const file of files.filter(inScope).sort()) {
  const src = read(file);
  if (file.endsWith('.sql')) {
    results.push({ file, test: '(file)', sql: src, expectsError: false, error: tryParse(src, file) });
    continue;
  }
  const strings = rustStrings(src);
  // `const NAME: &str = "…";` SQL shared by the tests of a file
  for (const m of src.matchAll(/const\s+(\w+)\s*:\s*&(?:'static\s+)?str\s*=\s*/g)) {
    const literal = strings.find((x) => x.offset === m.index + m[0].length);
    if (!literal || !STATEMENT_START.test(literal.text) || FORMAT_PLACEHOLDER.test(literal.text)) continue;
    results.push({ file, test: m[1], sql: literal.text, expectsError: false, error: tryParse(literal.text, file) });
  }
  for (const t of testFunctions(src)) {
    for (const s of strings.filter((x) => x.offset > t.start && x.offset < t.end)) {
      // formatted templates (`{}`) and fragments are not statements of their own
      if (!STATEMENT_START.test(s.text) || FORMAT_PLACEHOLDER.test(s.text) || s.text.trim().split(/\s+/).length < 3) continue;
      results.push({ file, test: t.name, sql: s.text, expectsError: t.expectsError, error: tryParse(s.text, file) });
    }
  }
}

const rejected = results.filter((r) => r.error && !r.expectsError);
const rejectedInErrorTests = results.filter((r) => r.error && r.expectsError);
if (asJson) {
  console.log(JSON.stringify({ total: results.length, rejected, rejectedInErrorTests }, null, 2));
} else {
  console.log(`${results.length} statements from ${new Set(results.map((r) => r.file)).size} files: ${results.length - rejected.length - rejectedInErrorTests.length} parse, ${rejected.length} rejected, ${rejectedInErrorTests.length} rejected in tests that expect an error somewhere`);
  const show = (r) => `  ${r.file} ${r.test}\n    ${r.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}\n    → ${r.error}`;
  if (rejected.length > 0) console.log(`\nrejected:\n${rejected.map(show).join('\n')}`);
  if (rejectedInErrorTests.length > 0) console.log(`\nrejected, in tests that expect an error:\n${rejectedInErrorTests.map(show).join('\n')}`);
}
process.exitCode = rejected.length > 0 ? 2 : 0;
