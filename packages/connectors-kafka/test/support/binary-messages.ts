import { Kafka, logLevel } from 'kafkajs';

/** Produces binary messages with kafkajs (kcat's line-based input cannot carry them). */
export async function produceBinary(brokers: readonly string[], topic: string, messages: readonly { key?: string; value: Uint8Array; partition?: number }[]): Promise<void> {
  const producer = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).producer({ idempotent: false, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key ?? null, value: Buffer.from(m.value), ...(m.partition !== undefined ? { partition: m.partition } : {}) })) });
  } finally {
    await producer.disconnect();
  }
}

/** Reads `count` messages of `topic` from the beginning with a fresh consumer group; values in partition, offset order. */
export async function consumeBinary(brokers: readonly string[], topic: string, count: number): Promise<{ key: string | null; value: Buffer; headers: Record<string, string> }[]> {
  const consumer = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).consumer({ groupId: `test-reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const out: { partition: number; offset: number; key: string | null; value: Buffer; headers: Record<string, string> }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${out.length} of ${count} messages of '${topic}'`)), 20_000);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
          out.push({ partition, offset: Number(message.offset), key: message.key?.toString() ?? null, value: message.value ?? Buffer.alloc(0), headers });
          if (out.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset).map(({ key, value, headers }) => ({ key, value, headers }));
}
