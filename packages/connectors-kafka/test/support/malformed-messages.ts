import { seededRandom } from '@velots/malformed-records';

/** A good message's fields; `code` is three digits the app CASTs to BIGINT. */
export interface PayFields {
  readonly id: number;
  readonly account: string;
  readonly cents: number;
  readonly qty: number;
  readonly code: string;
}

/** What the engine must report for a bad message: its code, field, and whether the query (not the decoder) rejects it. */
export interface BadMessageExpectation {
  readonly kind: string;
  readonly code: string;
  readonly field?: string | undefined;
  readonly messageContains?: string | undefined;
  readonly stage: 'source' | 'operator';
}

/** One kind of bad message: how to make its value from a good record, and what must be reported. */
export interface MessageSpoiler extends Omit<BadMessageExpectation, 'stage'> {
  readonly stage?: 'operator';
  spoil(fields: PayFields, encodeGood: (fields: PayFields) => Uint8Array): Uint8Array;
}

export interface PlannedMessage {
  readonly key: string;
  readonly value: Uint8Array;
  readonly partition: number;
  /** The message's offset in its partition (messages are produced in order to an empty topic). */
  readonly offset: number;
  readonly good?: PayFields | undefined;
  readonly bad?: BadMessageExpectation | undefined;
}

const ACCOUNTS = ['acc-1', 'zürich', 'naïve café', 'квартира', '株式', 'emoji 🚀'];

/** `goodCount` good messages and `badCount` bad ones (every kind first, then seeded picks) over `partitions`. */
export function plannedMessages(
  seed: number,
  goodCount: number,
  badCount: number,
  partitions: number,
  encodeGood: (fields: PayFields) => Uint8Array,
  spoilers: readonly MessageSpoiler[],
): PlannedMessage[] {
  const random = seededRandom(seed);
  const total = goodCount + badCount;
  const badAt = new Set<number>();
  while (badAt.size < badCount) badAt.add(Math.floor(random() * total));
  const nextOffset = new Array<number>(partitions).fill(0);
  const out: PlannedMessage[] = [];
  let badSeen = 0;
  for (let i = 0; i < total; i++) {
    const fields: PayFields = {
      id: i + 1,
      account: ACCOUNTS[Math.floor(random() * ACCOUNTS.length)] as string,
      cents: Math.floor(random() * 9_999_999_999),
      qty: 1 + Math.floor(random() * 1000),
      code: String(100 + Math.floor(random() * 900)),
    };
    const partition = Math.floor(random() * partitions);
    const offset = nextOffset[partition]!++;
    if (!badAt.has(i)) {
      out.push({ key: `k${i}`, value: encodeGood(fields), partition, offset, good: fields });
      continue;
    }
    const spoiler = (badSeen < spoilers.length ? spoilers[badSeen] : spoilers[Math.floor(random() * spoilers.length)]) as MessageSpoiler;
    badSeen++;
    const { spoil: _spoil, ...expectation } = spoiler;
    out.push({ key: `k${i}`, value: spoiler.spoil(fields, encodeGood), partition, offset, bad: { ...expectation, stage: spoiler.stage ?? 'source' } });
  }
  return out;
}

/** Amount cents as exact decimal text with two digits after the point. */
export function amountText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Bad messages counted by error code. */
export function badCounts(messages: readonly PlannedMessage[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of messages) if (m.bad) counts[m.bad.code] = (counts[m.bad.code] ?? 0) + 1;
  return counts;
}

/** A good Confluent frame with another magic byte. */
export function withMagicByte(frame: Uint8Array, magic: number): Uint8Array {
  const out = Uint8Array.from(frame);
  out[0] = magic;
  return out;
}

/** A good Confluent frame naming a schema id the registry does not know. */
export function withSchemaId(frame: Uint8Array, id: number): Uint8Array {
  const out = Uint8Array.from(frame);
  new DataView(out.buffer).setInt32(1, id);
  return out;
}

/** A payload without its last `bytes` bytes (inside the last string field, so the body is cut mid-value). */
export function truncated(payload: Uint8Array, bytes: number): Uint8Array {
  return payload.slice(0, payload.length - bytes);
}
