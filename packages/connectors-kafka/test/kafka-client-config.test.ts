import { ConnectorProperties } from '@velots/runtime';
import { describe, expect, it } from 'vitest';
import { kafkaClientConfig } from '../src/index.js';

function configOf(values: Record<string, string>): ReturnType<typeof kafkaClientConfig> {
  return kafkaClientConfig(new ConnectorProperties("source 'trades'", 'trades', { 'bootstrap.servers': 'a:9092,b:9092', ...values }), process.cwd());
}

describe('kafkaClientConfig retry policy', () => {
  it("maps librdkafka's retries and retry backoff keys to kafkajs's retry options", () => {
    expect(configOf({ retries: '8', 'retry.backoff.ms': '100', 'retry.backoff.max.ms': '2000' }).retry).toEqual({ retries: 8, initialRetryTime: 100, maxRetryTime: 2000 });
    expect(configOf({ 'retry.backoff.max.ms': '5000' }).retry).toEqual({ maxRetryTime: 5000 });
  });

  it("keeps kafkajs's defaults when none is set", () => {
    const config = configOf({});
    expect(config.retry).toBeUndefined();
    expect(config.brokers).toEqual(['a:9092', 'b:9092']);
  });
});
