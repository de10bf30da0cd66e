#!/usr/bin/env node
// Scaffolds a package's package.json and tsconfigs the way every Velo TS package has them.
// Usage: node tooling/new-package.mjs <dir> <@velots/name> "<description>" [dep ...]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const [dir, name, description, ...deps] = process.argv.slice(2);
if (!dir || !name || !description) {
  console.error('usage: new-package.mjs <dir> <@velots/name> "<description>" [dep ...]');
  process.exit(1);
}
const root = relative(dir, '.') || '.';
const short = name.replace(/^@velots\//, '');
mkdirSync(join(dir, 'src'), { recursive: true });
mkdirSync(join(dir, 'test'), { recursive: true });
const pkg = {
  name,
  version: '0.1.0',
  description,
  type: 'module',
  sideEffects: false,
  license: 'Apache-2.0',
  exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'README.md'],
  scripts: {
    build: 'tsc -b',
    typecheck: 'tsc -p tsconfig.check.json',
    test: `vitest run --root ${root} --project ${short}`,
  },
  dependencies: Object.fromEntries(deps.map((d) => [d, 'workspace:*'])),
};
if (!existsSync(join(dir, 'package.json')))
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
const refs = deps.map((d) => ({ path: `${root}/packages/${d.replace(/^@velots\//, '')}` }));
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: `${root}/tsconfig.base.json`,
      compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/.tsbuildinfo' },
      include: ['src'],
      references: refs,
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(dir, 'tsconfig.check.json'),
  JSON.stringify(
    {
      extends: `${root}/tsconfig.base.json`,
      compilerOptions: { noEmit: true, composite: false, declaration: false, declarationMap: false, rootDir: '.' },
      include: ['src', 'test'],
    },
    null,
    2,
  ) + '\n',
);
// The steps this script leaves to a person, because they are decisions (the layer) or shared files.
console.log(
  [
    `created ${dir} (${name})`,
    'next:',
    `  - add { "path": "${dir}" } to the references of the root tsconfig.json`,
    `  - give '${short}' its layer in tooling/eslint-plugin-velo/rules/layer-table.js and docs/architecture.md`,
    `  - write ${dir}/README.md with a short usage example, then run pnpm install`,
  ].join('\n'),
);
