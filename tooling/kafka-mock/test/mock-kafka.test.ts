import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '../src/index.js';

describe('startMockKafka', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ brokers: 2, topics: [{ name: 'numbers', partitions: 3 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('listens on loopback with one address per broker', () => {
    expect(kafka.brokers).toHaveLength(2);
    for (const broker of kafka.brokers) expect(broker).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('keeps what kcat produces per partition, in order', async () => {
    await kcatProduce(kafka.bootstrapServers, 'numbers', [
      { value: 'one', key: 'a', partition: 0 },
      { value: 'two', key: 'b', partition: 2 },
      { value: 'three', key: 'c', partition: 0 },
    ]);
    const messages = await kcatConsume(kafka.bootstrapServers, 'numbers');
    expect(messages.map((m) => [m.partition, m.offset, m.key, m.value])).toEqual([
      [0, 0, 'a', 'one'],
      [0, 1, 'c', 'three'],
      [2, 0, 'b', 'two'],
    ]);
  });

  it('creates topics on demand and rejects names Kafka would refuse', async () => {
    await kafka.createTopic('later', 2);
    await kcatProduce(kafka.bootstrapServers, 'later', [{ value: 'x', partition: 1 }]);
    expect((await kcatConsume(kafka.bootstrapServers, 'later')).map((m) => [m.partition, m.value])).toEqual([[1, 'x']]);
    await expect(kafka.createTopic('bad name')).rejects.toThrow("invalid topic name 'bad name'");
  });

  it('stops, and a second stop is harmless', async () => {
    const other = await startMockKafka();
    await other.stop();
    await other.stop();
    const [host, port] = (other.brokers[0] as string).split(':');
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), host as string);
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
