// Runs every benchmark folder's index.mjs in turn (each prints its own table).
//   pnpm bench [--quick] [name]   --quick asks each benchmark for its short form (BENCH_QUICK=1 too)
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
let failed = 0;
for (const entry of readdirSync(here, { withFileTypes: true })) {
  if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'out') continue;
  if (only && entry.name !== only) continue;
  const script = join(here, entry.name, 'index.mjs');
  if (!existsSync(script)) continue;
  console.log(`\n## bench/${entry.name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', script, ...flags], {
    stdio: 'inherit',
    env: flags.includes('--quick') ? { ...process.env, BENCH_QUICK: '1' } : process.env,
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
