import { kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from './support/sources.js';

/** Kafka protocol: the JoinGroup request type, and the error a broker answers a session timeout out of its range with. */
const JOIN_GROUP = 11;
const INVALID_SESSION_TIMEOUT = 26;

describe('kafka_source session timeout', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: ['chosen'] });
    await kcatProduce(kafka.bootstrapServers, 'chosen', [{ value: '{"id":1,"symbol":"A"}' }]);
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('fails the source with the broker\'s reason when the broker refuses its session timeout', async () => {
    await kafka.failRequests(JOIN_GROUP, INVALID_SESSION_TIMEOUT, 1);
    const source = await openSource(kafka.bootstrapServers, 'chosen', 'chosen-group', [], { properties: { 'session.timeout.ms': '1000' } });
    try {
      await expect(source.next(10)).rejects.toThrow(
        "source 'chosen': Kafka consumer of topic 'chosen' failed: The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms)",
      );
    } finally {
      await source.close();
    }
  }, 60_000);
});
