import { describe, expect, it } from 'vitest';
import { connectWithRetry } from '../src/config/connect-retry.js';
import { ConnectionHealth } from '../src/config/connection-health.js';

describe('connectWithRetry giving up', () => {
  it('disconnects the client it could not connect before it throws, so no broker socket keeps the process alive (Velostream app_compliance)', async () => {
    const calls: string[] = [];
    const client = {
      connect: async (): Promise<void> => {
        calls.push('connect');
        throw new Error('Broker 0 not found in the cached metadata');
      },
      disconnect: async (): Promise<void> => {
        calls.push('disconnect');
      },
    };
    const giving = connectWithRetry(client, 0, new ConnectionHealth(), new AbortController().signal, (error, waited) => new Error(`gave up after ${waited >= 0 ? 'trying' : '?'}: ${error.message}`));
    await expect(giving).rejects.toThrow('gave up after trying: Broker 0 not found in the cached metadata');
    expect(calls).toEqual(['connect', 'disconnect']);
  });
});
