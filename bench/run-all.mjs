// Runs every benchmark folder's index.mjs in turn (each prints its own table).
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
let failed = 0;
for (const entry of readdirSync(here, { withFileTypes: true })) {
  if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name === 'out') continue;
  if (only && entry.name !== only) continue;
  const script = join(here, entry.name, 'index.mjs');
  if (!existsSync(script)) continue;
  console.log(`\n## bench/${entry.name}`);
  const result = spawnSync(process.execPath, ['--expose-gc', script], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
