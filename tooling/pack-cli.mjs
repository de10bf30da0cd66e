#!/usr/bin/env node
// Packs velo-sql-batch and the packages it depends on into ./packs, then prints the one
// `npm i -g` command that installs them together (they are not on the npm registry yet).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'packs');
const packages = ['packages/core', 'packages/decimal', 'packages/sql-parser', 'packages/planner', 'packages/runtime', 'apps/velo-sql-batch'];
mkdirSync(out, { recursive: true });
for (const dir of packages) execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, dir), stdio: 'ignore' });
const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz')).map((f) => join(out, f));
console.log(`npm i -g ${tarballs.join(' ')}`);
