import { describe, expect, it } from 'vitest';
import {
  CollectingSink, IterableSource, createEngine, isDeferredConnectorType, registerDeferredConnectorTypes, registerSinkType, registerSourceType,
} from '../../src/index.js';

describe('deferred connector types', () => {
  it('loads a deferred module once, when an app first uses one of its types, and then creates its connectors', async () => {
    const sinks: CollectingSink[] = [];
    let loads = 0;
    registerDeferredConnectorTypes(['probe_source', 'probe_sink'], async () => {
      loads++;
      registerSourceType('probe_source', (config) => new IterableSource({ name: config.name, items: [{ n: 1 }, { n: 2 }] }));
      registerSinkType('probe_sink', (config) => {
        const sink = new CollectingSink({ name: config.name });
        sinks.push(sink);
        return sink;
      });
    });
    expect(isDeferredConnectorType('PROBE_SINK')).toBe(true);

    const files = await createEngine({ sql: `SELECT 1 AS one;`, warn: () => undefined });
    await files.run();
    expect(loads).toBe(0);

    const engine = await createEngine({
      sql: `CREATE STREAM doubled AS SELECT n * 2 AS twice FROM nums WITH ('nums.type' = 'probe_source', 'doubled.type' = 'Probe_Sink');`,
      warn: () => undefined,
    });
    const summary = await engine.run();
    expect(summary.error).toBeUndefined();
    expect(loads).toBe(1);
    expect(isDeferredConnectorType('probe_source')).toBe(false);
    expect(sinks.map((sink) => sink.rows)).toEqual([[{ twice: 2 }, { twice: 4 }]]);
  });

  it('reports a failed load as the error of the app that needed it', async () => {
    registerDeferredConnectorTypes(['broken_sink'], async () => {
      throw new Error('module not installed');
    });
    await expect(
      createEngine({ sql: `CREATE STREAM out AS SELECT 1 AS one WITH ('out.type' = 'broken_sink');`, warn: () => undefined }),
    ).rejects.toThrow('module not installed');
  });
});
