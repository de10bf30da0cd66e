import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '../src/index.js';

/** What a client meets when it opens a TCP connection to `address` and waits for the peer: the first event. */
function probe(address: string): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host as string);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('open');
    }, 300);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? 'error');
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve('closed');
    });
  });
}

describe('mock broker controls', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ brokers: 2, topics: [{ name: 'kept', partitions: 1 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('takes one broker away and brings it back, the other staying reachable', async () => {
    const [first, second] = kafka.brokers as [string, string];
    await kafka.setBrokerDown(1);
    expect(await probe(first)).toBe('ECONNREFUSED');
    expect(await probe(second)).toBe('open');
    await kafka.setBrokerUp(1);
    expect(await probe(first)).toBe('open');
  });

  it('takes every broker away and back; the topics keep their messages', async () => {
    await kcatProduce(kafka.bootstrapServers, 'kept', [{ value: 'before' }]);
    await kafka.setAllBrokersDown();
    expect(await Promise.all(kafka.brokers.map(probe))).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    await kafka.setAllBrokersUp();
    await kcatProduce(kafka.bootstrapServers, 'kept', [{ value: 'after' }]);
    expect((await kcatConsume(kafka.bootstrapServers, 'kept')).map((m) => m.value)).toEqual(['before', 'after']);
  });

  it('rejects a broker id the cluster does not have, and commands after stop', async () => {
    await expect(kafka.setBrokerDown(3)).rejects.toThrow('no broker 3: the cluster has brokers 1..2');
    await expect(kafka.setBrokerUp(0)).rejects.toThrow('no broker 0: the cluster has brokers 1..2');
    const other = await startMockKafka();
    await other.stop();
    await expect(other.setAllBrokersDown()).rejects.toThrow('could not take the brokers down: the mock cluster is stopped');
  });
});

describe('mock broker request errors', () => {
  it('fails the next requests of a type with the error asked for, then serves them again', async () => {
    const kafka = await startMockKafka({ topics: ['refused'] });
    try {
      // Produce (ApiKey 0) fails once with MSG_SIZE_TOO_LARGE (10), a non-retriable error kcat reports.
      await kafka.failRequests(0, 10, 1);
      await expect(kcatProduce(kafka.bootstrapServers, 'refused', [{ value: 'first' }])).rejects.toThrow(/too large|MSG_SIZE_TOO_LARGE/i);
      await kcatProduce(kafka.bootstrapServers, 'refused', [{ value: 'second' }]);
      expect((await kcatConsume(kafka.bootstrapServers, 'refused')).map((m) => m.value)).toEqual(['second']);
      await expect(kafka.failRequests(0, 10, 0)).rejects.toThrow('failRequests takes integers and a count of 1..64 (got 0, 10, 0)');
    } finally {
      await kafka.stop();
    }
  });
});
