import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/index.js';
import { mergeYaml } from '../../src/config/extends-chain.js';
import { flattenYaml } from '../../src/config/flatten.js';
import type { YamlMapping, YamlValue } from '../../src/config/yaml-tree.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'velo-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadText(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  return loadConfigFile(name, { baseDir: dir, env: { DATA: '/srv/data' } });
}

describe('loadConfigFile: edge cases', () => {
  it('an empty file is an empty config', () => {
    expect(loadText('empty.yaml', '# only a comment\n')).toEqual({
      file: join(dir, 'empty.yaml'),
      properties: {},
      schema: undefined,
      keyFields: [],
      fieldFormats: {},
    });
  });

  it('expands anchors and aliases', () => {
    const text = 'base: &common {retries: 3, acks: all}\ndatasink:\n  producer_config: *common\n';
    expect(loadText('alias.yaml', text).properties).toEqual({
      'base.retries': '3',
      'base.acks': 'all',
      retries: '3',
      acks: 'all',
    });
  });

  it('keeps a key named __proto__ as data', () => {
    const properties = loadText('proto.yaml', '__proto__: {polluted: yes}\n').properties;
    expect(Object.keys(properties)).toEqual(['__proto__.polluted']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves URIs and absolute paths alone, and resolves a substituted relative path against the YAML directory', () => {
    expect(loadText('uri.yaml', 'file: {path: "s3://bucket/in.csv"}\n').properties).toEqual({
      path: 's3://bucket/in.csv',
    });
    expect(loadText('abs.yaml', 'data_source: {path: "${DATA}/in.csv"}\n').properties).toEqual({
      path: '/srv/data/in.csv',
    });
    expect(loadText('rel.yaml', 'datasource: {path: "${SUBDIR:in}/x.csv"}\n').properties).toEqual({
      path: join(dir, 'in/x.csv'),
    });
  });

  it('keeps multi-line and quoted scalars as their text', () => {
    const text = 'avro:\n  schema: |\n    {"type": "record",\n     "name": "T"}\nquoted: "007"\nplain: 007\n';
    expect(loadText('scalars.yaml', text).properties).toEqual({
      'avro.schema': '{"type": "record",\n "name": "T"}\n',
      quoted: '007',
      plain: '007',
    });
  });

  it('reads a topic nested in the datasink block', () => {
    expect(loadConfigFile('kafka/common_kafka_sink.yaml', { baseDir: fixtures, env: {} }).properties.topic).toBe(
      'default_alerts',
    );
  });
});

const scalar = fc.constantFrom('a', 'b', '1', 'true');
const tree: fc.Arbitrary<YamlMapping> = fc.letrec<{ node: YamlValue; map: YamlMapping }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), tie('map')),
  map: fc
    .dictionary(fc.constantFrom('k', 'm', 'x.y', 'z'), tie('node'), { maxKeys: 3 })
    .map((o) => new Map(Object.entries(o))),
})).map;

describe('mergeYaml (extends semantics)', () => {
  it('every flattened key of the child survives the merge with the child’s value', () => {
    fc.assert(
      fc.property(tree, tree, (parent, child) => {
        const merged = flattenYaml(mergeYaml(parent, child) as YamlMapping);
        for (const [key, entry] of flattenYaml(child)) expect(merged.get(key)?.value).toBe(entry.value);
      }),
    );
  });

  it('merging with an empty child gives the parent', () => {
    fc.assert(
      fc.property(tree, (parent) => {
        expect(mergeYaml(parent, new Map())).toEqual(parent);
      }),
    );
  });
});
