import { noopTelemetry, type Gauge, type MetricLabels } from '@velots/core';
import { logLevel, type logCreator } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ConnectionHealth, isConnectionError } from '../src/config/connection-health.js';

describe('ConnectionHealth', () => {
  it('turns disconnected on a kafkajs ERROR log, keeps the error after reconnecting, and mirrors the state in its gauge', () => {
    const samples: [number, MetricLabels | undefined][] = [];
    const gauge: Gauge = { set: (value, labels) => void samples.push([value, labels]), inc: () => undefined, dec: () => undefined };
    const health = new ConnectionHealth();
    health.bind({ ...noopTelemetry, gauge: () => gauge }, 'velo_source_connected', 'source', 'trades');
    const client = health.observe({ brokers: ['127.0.0.1:1'] });
    expect(client.logLevel).toBe(logLevel.ERROR);
    const log = (client.logCreator as logCreator)(logLevel.ERROR);
    log({ namespace: 'Consumer', level: logLevel.WARN, label: 'WARN', log: { message: 'a warning', timestamp: '' } });
    expect(health.snapshot().connected).toBe(true);
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { message: 'Connection error', error: 'connect ECONNREFUSED 127.0.0.1:1', timestamp: '' } });
    expect(health.snapshot()).toMatchObject({ connected: false, lastError: 'Connection error: connect ECONNREFUSED 127.0.0.1:1' });
    health.markConnected();
    expect(health.snapshot()).toMatchObject({ connected: true, lastError: 'Connection error: connect ECONNREFUSED 127.0.0.1:1' });
    expect(samples).toEqual([
      [1, { source: 'trades' }],
      [0, { source: 'trades' }],
      [1, { source: 'trades' }],
    ]);
  });

  it('tells errors of an unreachable cluster (also wrapped) from others', () => {
    const wrapped = new Error('retries exceeded', { cause: Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }) });
    expect(isConnectionError(wrapped)).toBe(true);
    expect(isConnectionError(Object.assign(new Error('leader moved'), { retriable: true }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('not allowed'), { name: 'KafkaJSProtocolError', retriable: false }))).toBe(false);
    expect(isConnectionError('text')).toBe(false);
  });
});
