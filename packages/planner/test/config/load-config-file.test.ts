import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const load = (file: string, env: Record<string, string | undefined> = {}) =>
  loadConfigFile(file, { baseDir: fixtures, env });

describe('loadConfigFile: a Kafka source that extends a common base', () => {
  it('merges the base, substitutes variables, flattens and maps Velostream keys to connector properties', () => {
    const config = load('kafka/market_data_source.yaml', { APP_NAME: 'trading' });
    expect(config.file).toBe(join(fixtures, 'kafka/market_data_source.yaml'));
    expect(config.properties).toEqual({
      topic: 'market_data_ts',
      'bootstrap.servers': 'localhost:9092',
      'auto.offset.reset': 'latest',
      'enable.auto.commit': 'true',
      'session.timeout.ms': '6000',
      'key.format': 'string',
      'value.serializer': 'json',
      'consumer.group': 'trading-market',
      performance_profile: 'balanced',
      'datasource.type': 'kafka',
      'datasource.performance.compression.type': 'lz4',
      'performance_profiles.balanced.fetch.max.wait.ms': '20',
      'performance_profiles.balanced.max.poll.records': '1000',
      'metadata.description': 'High-frequency market data',
      'metadata.update.frequency': '1.10',
      'metadata.target_consumers[0]': 'trading_system',
      'metadata.target_consumers[1]': 'analytics',
    });
    expect(config.schema).toBeUndefined();
    expect(config.keyFields).toEqual([]);
  });

  it('takes ${VAR} from the environment before the default, and the first set variable of ${A|B:default}', () => {
    const config = load('kafka/market_data_source.yaml', {
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      GROUP_PREFIX: 'desk',
      APP_NAME: 'trading',
    });
    expect(config.properties['bootstrap.servers']).toBe('k1:9092,k2:9092');
    expect(config.properties['consumer.group']).toBe('desk-market');
    expect(load('kafka/market_data_source.yaml').properties['consumer.group']).toBe('velo-market');
  });

  it('keeps values as written: numbers and booleans are not round-tripped through JavaScript values', () => {
    const config = load('kafka/market_data_source.yaml');
    expect(config.properties['metadata.update.frequency']).toBe('1.10');
    expect(config.properties['enable.auto.commit']).toBe('true');
  });
});

describe('loadConfigFile: a Kafka sink', () => {
  it('maps datasink.producer_config and lets the child file’s schema.value.serializer beat the base’s datasink.schema one', () => {
    expect(load('kafka/price_alerts_sink.yaml').properties).toEqual({
      topic: 'price_alerts',
      'topic.partitions': '6',
      'bootstrap.servers': 'localhost:9092',
      retries: '3',
      'batch.size': '16384',
      acks: 'all',
      'key.format': 'string',
      'value.serializer': 'avro',
      'datasink.type': 'kafka',
      'datasink.headers.source_system': 'velo_stream',
      'datasink.headers.alert_type': 'price',
    });
  });
});

describe('loadConfigFile: file-backed tables', () => {
  it('maps data_source keys, prefers file.path, and resolves it against the YAML directory', () => {
    const config = load('tables/instruments_table.yaml');
    expect(config.properties).toEqual({
      path: join(fixtures, 'tables/data/instruments.csv'),
      format: 'csv',
      has_headers: 'true',
      delimiter: ';',
      'data_source.type': 'file',
      'table.type': 'static_lookup',
      'table.storage': 'in_memory',
      'table.name': 'instrument_reference',
      'table.primary_key': 'isin',
      'cache.enabled': 'true',
      'cache.ttl_seconds': '3600',
    });
  });

  it('resolves an inherited path against the directory of the base file that wrote it', () => {
    const config = load('tables/positions_table.yaml');
    expect(config.properties).toEqual({
      path: join(fixtures, 'tables/data/default.csv'),
      'table.type': 'static_lookup',
      'table.storage': 'in_memory',
      'table.name': 'positions',
      'table.primary_key': 'trader_id, symbol',
      'cache.enabled': 'true',
      'cache.ttl_seconds': '60',
    });
  });

  it('reads a relative config file path from baseDir and accepts an absolute one as it is', () => {
    const absolute = join(fixtures, 'tables/positions_table.yaml');
    const fromElsewhere = loadConfigFile(absolute, { baseDir: '/nonexistent', env: {} });
    expect(fromElsewhere.file).toBe(absolute);
    expect(fromElsewhere.properties).toEqual(load('tables/positions_table.yaml').properties);
    const viaParent = loadConfigFile('../config/fixtures/tables/positions_table.yaml', {
      baseDir: join(fixtures, '..'),
      env: {},
    });
    expect(viaParent.file).toBe(absolute);
  });
});

describe('loadConfigFile: extends chains', () => {
  it('deep-merges three levels: the child wins key by key, lists are replaced whole, empty maps and lists add nothing', () => {
    expect(load('chain/level3.yaml').properties).toEqual({
      'settings.a': 'one-from-level3',
      'settings.b': 'two-from-level2',
      'settings.nested.deep': 'base',
      'settings.nested.added': 'level2',
      'settings.list[0]': 'p',
      'servers[0].name': 'only',
      'servers[0].port': '3',
      only_in_level1: 'kept',
    });
  });

  it('flattens lists of mappings as a[0].name', () => {
    expect(load('chain/level1.yaml').properties).toEqual({
      'settings.a': 'one',
      'settings.b': 'two',
      'settings.nested.deep': 'base',
      'settings.list[0]': 'x',
      'settings.list[1]': 'y',
      'settings.list[2]': 'z',
      'servers[0].name': 'first',
      'servers[0].port': '1',
      'servers[1].name': 'second',
      'servers[1].port': '2',
      only_in_level1: 'kept',
    });
  });
});
