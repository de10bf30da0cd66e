import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const repoRoot = resolve(here, '../../..');

/** Lints fixture files with only velo/layer-imports on, returning `line:col message` per problem. */
async function lintFixture(relativePath: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: fixtures,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.mjs'],
        languageOptions: { parser: tseslint.parser },
        plugins: { velo: plugin },
        rules: { 'velo/layer-imports': 'error' },
      },
    ],
  });
  const [result] = await eslint.lintFiles([relativePath]);
  return (result?.messages ?? []).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}

describe('velo/layer-imports on fixture packages', () => {
  it('fails an import of a higher layer (planner → runtime)', async () => {
    expect(await lintFixture('packages/planner/src/upward.ts')).toEqual([
      "1:24 velo/layer-imports: '@velots/planner' (layer 2) must not import '@velots/runtime' (layer 3): packages import only from lower layers",
    ]);
  });

  it('fails a sideways import within layer 1 (sql-parser → serde-json)', async () => {
    expect(await lintFixture('packages/sql-parser/src/sideways.ts')).toEqual([
      "1:32 velo/layer-imports: '@velots/sql-parser' must not import '@velots/serde-json': both are in layer 1, and packages import only from lower layers",
    ]);
  });

  it('fails core importing decimal, though decimal may import core', async () => {
    expect(await lintFixture('packages/core/src/sideways.ts')).toEqual([
      "1:30 velo/layer-imports: '@velots/core' must not import '@velots/decimal': both are in layer 0, and packages import only from lower layers",
    ]);
    expect(await lintFixture('packages/decimal/src/allowed.ts')).toEqual([]);
  });

  it('fails a deep import into src/ and a relative path into another package', async () => {
    expect(await lintFixture('packages/runtime/src/deep.ts')).toEqual([
      "1:24 velo/layer-imports: Import '@velots/core' by its public entry, not by the deep path '@velots/core/src/schema.js'",
      "2:27 velo/layer-imports: Relative import '../../planner/src/binder.js' leaves '@velots/runtime'; import the other package by its name",
    ]);
  });

  it('allows lower layers by name, type-only imports of them, and relative imports inside the package', async () => {
    expect(await lintFixture('packages/runtime/src/allowed.ts')).toEqual([]);
  });

  it('lets bench import any package by its public entry', async () => {
    expect(await lintFixture('bench/scan/index.mjs')).toEqual([]);
  });
});

describe('velo/layer-imports through the repository eslint.config.js', () => {
  it('makes `eslint` fail on an upward import in a real package', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const [result] = await eslint.lintText(
      "import { parseSql } from '@velots/sql-parser';\nexport const parse = parseSql;\n",
      {
        filePath: join(repoRoot, 'packages/decimal/src/layer-probe.ts'),
      },
    );
    expect(result?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
      "velo/layer-imports: '@velots/decimal' (layer 0) must not import '@velots/sql-parser' (layer 1): packages import only from lower layers",
    ]);
    expect(result?.errorCount).toBe(1);
  });
});

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const inPackage = (pkg: string, file = 'src/probe.ts') => join(fixtures, 'packages', pkg, file);
const rule = plugin.rules?.['layer-imports'];
if (!rule) throw new Error('the plugin does not export layer-imports');

ruleTester.run('velo/layer-imports', rule, {
  valid: [
    { filename: inPackage('planner'), code: "import { parseSql } from '@velots/sql-parser';" },
    { filename: inPackage('planner'), code: "export { Decimal } from '@velots/decimal';" },
    { filename: inPackage('runtime'), code: "import { helper } from '../test/helper.js';" },
    { filename: inPackage('runtime'), code: "import { readFile } from 'node:fs/promises';" },
    { filename: inPackage('planner', 'test/binder.test.ts'), code: "import { bind } from '@velots/planner';" },
    { filename: join(fixtures, 'bench/scan/probe.mjs'), code: "import { runJob } from '@velots/runtime';" },
    { filename: join(repoRoot, 'vitest.config.ts'), code: "import { x } from './packages/runtime/src/x.js';" },
  ],
  invalid: [
    {
      filename: inPackage('sql-parser'),
      code: "const planner = await import('@velots/planner');",
      errors: [
        {
          messageId: 'upward',
          data: { importer: '@velots/sql-parser', target: '@velots/planner', importerLayer: '1', targetLayer: '2' },
        },
      ],
    },
    {
      filename: inPackage('runtime'),
      code: "export * from '@velots/velo-sql-batch';",
      errors: [{ messageId: 'upward' }],
    },
    {
      filename: inPackage('planner'),
      code: "const { Schema } = require('@velots/core/dist/schema.js');",
      errors: [{ messageId: 'deepImport', data: { source: '@velots/core/dist/schema.js', target: '@velots/core' } }],
    },
    {
      filename: inPackage('planner'),
      code: "import { plan } from '@velots/planner';",
      errors: [{ messageId: 'selfImport' }],
    },
    {
      filename: inPackage('runtime'),
      code: "import { tool } from '@velots/mystery';",
      errors: [{ messageId: 'unknownPackage', data: { target: '@velots/mystery' } }],
    },
    {
      filename: join(fixtures, 'bench/scan/probe.mjs'),
      code: "import { op } from '@velots/runtime/src/operators/filter.js';",
      errors: [{ messageId: 'deepImport' }],
    },
    {
      filename: inPackage('core'),
      code: "import { Decimal } from '../..';",
      errors: [{ messageId: 'leavesPackage' }],
    },
    {
      filename: inPackage('decimal'),
      code: "import { x } from '@velots/observability';",
      errors: [{ messageId: 'upward' }],
    },
  ],
});
