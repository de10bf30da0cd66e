#!/usr/bin/env node
// Bundles each app's compiled entry (apps/*/dist/cli.js, after `tsc -b`) with its packages and libraries into
// the file its package.json `bin` names, plus `velo-chunk-*.mjs` files beside it for what the app imports lazily. Start-up of a CLI is mostly ESM module loading: ~240 small
// files resolved, stat'ed and read one by one; one bundled file cuts `velo-sql-batch run` of a one-row app
// from ~0.8 s to ~0.25 s on the 2-core reference machine (see docs/benchmarks.md).
//   node tooling/bundle-apps.mjs
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Libraries that load files or native code relative to themselves stay outside the bundle.
const external = ['@duckdb/*'];
// An ESM bundle has no `require`; CommonJS libraries inside it (commander, kafkajs, …) need one.
const banner = "import { createRequire as __veloCreateRequire } from 'node:module'; const require = __veloCreateRequire(import.meta.url);";

/**
 * One ESM file for Node 20 from a compiled entry; what the entry loads with `await import()` (the Kafka client,
 * telemetry) goes into `velo-chunk-*.mjs` files beside it, read only by the runs that need them. (Beside, not in a
 * folder: the runtime finds the worker-thread bundle next to its own code, wherever the splitting put that.)
 */
function bundleFile(entry, outfile) {
  const outdir = dirname(outfile);
  for (const old of readdirSync(outdir)) if (old.startsWith('velo-chunk-')) rmSync(join(outdir, old));
  return build({
    entryPoints: { [basename(outfile, extname(outfile))]: entry },
    outdir,
    outExtension: { '.js': extname(outfile) },
    splitting: true,
    chunkNames: 'velo-chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: banner },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** The worker-thread entry: one self-contained file (it loads nothing lazily). */
function bundleWorker(entry, outfile) {
  return build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external, banner: { js: banner }, legalComments: 'none', logLevel: 'warning' });
}

let bundled = 0;
for (const entry of readdirSync(join(root, 'apps'), { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const appDir = join(root, 'apps', entry.name);
  const manifestPath = join(appDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const main = join(appDir, manifest.main ?? 'dist/cli.js');
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [name, target] of Object.entries(bins)) {
    const outfile = join(appDir, target);
    if (outfile === main) continue; // the bin is the unbundled entry itself
    if (!existsSync(main)) throw new Error(`${manifestPath}: ${main} does not exist; run tsc -b first`);
    await bundleFile(main, outfile);
    console.error(`bundled ${name}: ${outfile.slice(root.length + 1)} (from ${dirname(main).slice(root.length + 1)})`);
    bundled++;
    // A job split across worker threads starts each worker from this file next to the bin (see runtime/src/parallel).
    await bundleWorker(join(root, 'packages/runtime/dist/parallel/worker-entry.js'), join(dirname(outfile), 'velo-stage-worker.mjs'));
  }
}
if (bundled === 0) console.error('no app bin to bundle');
