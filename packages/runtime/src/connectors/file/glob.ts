import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';

/** True when a path has glob characters (`*`, `?`, `[…]`, `{a,b}`). */
export function hasGlob(path: string): boolean {
  return /[*?[{]/.test(path);
}

/** A glob segment as a regex: `*` any run without `/`, `?` one char, `[…]` a class, `{a,b}` alternatives. */
function segmentRegex(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 1);
      if (close === -1) out += '\\[';
      else {
        out += `[${segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      const close = segment.indexOf('}', i + 1);
      if (close === -1) out += '\\{';
      else {
        out += `(?:${segment.slice(i + 1, close).split(',').map(escapeRegex).join('|')})`;
        i = close;
      }
    } else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The files a path names, absolute and sorted: itself when it has no glob characters, otherwise every
 * regular file matching it (`**` matches any number of directories). Relative paths resolve against `baseDir`;
 * a plain relative path that names no file there but does from the working directory (where Velostream
 * resolves it, as its apps run from the project root) resolves from the working directory.
 */
export async function expandFilePattern(pattern: string, baseDir: string): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(baseDir, pattern);
  if (!hasGlob(absolute)) {
    const fromWorkingDir = resolve(pattern);
    return [!existsSync(absolute) && !isAbsolute(pattern) && existsSync(fromWorkingDir) ? fromWorkingDir : absolute];
  }
  const parts = absolute.split(sep);
  let fixed = 0;
  while (fixed < parts.length && !hasGlob(parts[fixed] as string)) fixed++;
  const root = parts.slice(0, fixed).join(sep) || sep;
  const matches: string[] = [];
  await walk(root, parts.slice(fixed), matches);
  return [...new Set(matches)].sort();
}

async function walk(dir: string, segments: readonly string[], out: string[]): Promise<void> {
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (segment === '**') {
    await walk(dir, rest, out);
    for (const entry of entries) if (entry.isDirectory()) await walk(join(dir, entry.name), segments, out);
    return;
  }
  const regex = segmentRegex(segment);
  for (const entry of entries) {
    if (!regex.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (rest.length === 0) {
      const isFile = entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile() === true);
      if (isFile) out.push(path);
    } else if (entry.isDirectory() || entry.isSymbolicLink()) await walk(path, rest, out);
  }
}
