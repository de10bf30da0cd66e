import type { KafkaMessage } from 'kafkajs';

/** Messages of one fetch of one partition, and how many of them the job has taken. */
interface FetchedBatch {
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  index: number;
}

/** A run of one fetched batch's messages a read takes: `messages[from, to)` of `partition`. */
export interface FetchedSlice {
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  readonly from: number;
  readonly to: number;
}

/**
 * The messages a Kafka source fetched and the job has not read yet, in fetch order: kafkajs's `eachBatch` adds
 * them, the job's reads take them in slices (no copy of the messages), schema inference peeks at their payloads.
 */
export class FetchedMessages {
  private readonly batches: FetchedBatch[] = [];
  private count = 0;

  /** Messages waiting to be read. */
  get size(): number {
    return this.count;
  }

  add(partition: number, messages: readonly KafkaMessage[]): void {
    if (messages.length === 0) return;
    this.batches.push({ partition, messages, index: 0 });
    this.count += messages.length;
  }

  /** Takes up to `maxRecords` messages, oldest first, as slices of the fetched batches. */
  take(maxRecords: number): FetchedSlice[] {
    const slices: FetchedSlice[] = [];
    let taken = 0;
    while (taken < maxRecords && this.batches.length > 0) {
      const head = this.batches[0] as FetchedBatch;
      const to = Math.min(head.messages.length, head.index + (maxRecords - taken));
      slices.push({ partition: head.partition, messages: head.messages, from: head.index, to });
      taken += to - head.index;
      head.index = to;
      if (head.index >= head.messages.length) this.batches.shift();
    }
    this.count -= taken;
    return slices;
  }

  /** The non-null payloads of the waiting messages, at most `limit` (schema inference reads them without taking them). */
  peekPayloads(limit: number): Uint8Array[] {
    const payloads: Uint8Array[] = [];
    for (const batch of this.batches) {
      for (let i = batch.index; i < batch.messages.length && payloads.length < limit; i++) {
        const value = (batch.messages[i] as KafkaMessage).value;
        if (value !== null) payloads.push(value);
      }
    }
    return payloads;
  }

  /** Whether a message of `partition` is waiting. */
  holds(partition: number): boolean {
    return this.batches.some((b) => b.partition === partition);
  }
}

/** The non-null payloads of `slices` (what a registry codec prepares its schemas from). */
export function payloadsOf(slices: readonly FetchedSlice[]): Uint8Array[] {
  const payloads: Uint8Array[] = [];
  for (const { messages, from, to } of slices) {
    for (let i = from; i < to; i++) {
      const value = (messages[i] as KafkaMessage).value;
      if (value !== null) payloads.push(value);
    }
  }
  return payloads;
}

/**
 * The messages of a fetch this source has not had yet and a bounded run still reads: a fetch begun before a
 * rebalance or a consumer restart may hand back records before `fetchedNext`, and records from `end` on belong to the
 * next run. Undefined when the fetch held nothing new at all (an empty list: only records past the end).
 */
export function unreadMessages(messages: readonly KafkaMessage[], fetchedNext: number, end: number): readonly KafkaMessage[] | undefined {
  if (messages.length === 0) return undefined;
  let unread = messages;
  if (Number((unread[0] as KafkaMessage).offset) < fetchedNext) {
    unread = unread.filter((m) => Number(m.offset) >= fetchedNext);
    if (unread.length === 0) return undefined;
  }
  if (Number((unread[unread.length - 1] as KafkaMessage).offset) >= end) unread = unread.filter((m) => Number(m.offset) < end);
  return unread;
}
