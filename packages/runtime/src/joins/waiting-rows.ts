import type { Row } from '@velots/core';
import type { JoinSide } from './sided-source.js';

/** A row of an interval join waiting for partners on one side. */
export interface Waiting {
  readonly row: Row;
  readonly time: number;
  /** Event time after which no partner can arrive any more. */
  readonly expires: number;
  readonly side: JoinSide;
  /** Its bucket's Map key (join-keys.ts); undefined for a row with a NULL key, which waits in no bucket. */
  readonly key: unknown;
  matched: boolean;
  /** The watermark passed its bound: it no longer waits (it may stay in its bucket until the bucket is compacted). */
  gone: boolean;
}

/**
 * The rows of one key on one side, in arrival order. Rows mostly stop waiting in that order too, so the gone ones
 * gather at the front: `head` skips them without moving the rest, and the bucket is compacted once gone rows make up
 * half of what lies past the head.
 */
export interface Bucket {
  entries: Waiting[];
  /** `entries[i].time`, side by side: a probe reads times in a row and touches only the entries within its bounds. */
  times: number[];
  /** Entries before it are all gone. */
  head: number;
  /** Gone entries at or after `head`. */
  gone: number;
}

/** One side's waiting rows, bucketed by join key. */
export class WaitingRows {
  readonly buckets = new Map<unknown, Bucket>();

  add(entry: Waiting): void {
    const bucket = this.buckets.get(entry.key);
    if (bucket === undefined) this.buckets.set(entry.key, { entries: [entry], times: [entry.time], head: 0, gone: 0 });
    else {
      bucket.entries.push(entry);
      bucket.times.push(entry.time);
    }
  }

  /** Marks a row gone (the watermark passed its bound) and drops it from its bucket, at once or when the bucket is compacted. */
  remove(entry: Waiting): void {
    entry.gone = true;
    const bucket = this.buckets.get(entry.key);
    if (bucket === undefined) return;
    const entries = bucket.entries;
    if (entries[bucket.head] === entry) {
      // The common case, rows leaving in arrival order: no other entry is read unless some later one left before.
      bucket.head++;
      if (bucket.gone > 0) {
        while (bucket.head < entries.length && entries[bucket.head]!.gone) {
          bucket.head++;
          bucket.gone--;
        }
      }
    } else bucket.gone++;
    const live = entries.length - bucket.head;
    if (live === 0) this.buckets.delete(entry.key);
    else if (bucket.gone * 2 > live) {
      bucket.entries = entries.slice(bucket.head).filter((e) => !e.gone);
      bucket.times = bucket.entries.map((e) => e.time);
      bucket.head = 0;
      bucket.gone = 0;
    } else if (bucket.head >= 16 && bucket.head * 2 > entries.length) {
      bucket.entries = entries.slice(bucket.head);
      bucket.times = bucket.times.slice(bucket.head);
      bucket.head = 0;
    }
  }

  /** Replaces the buckets with ones a checkpoint saved: per key its entries from the head on, gone ones included. */
  restoreBucket(key: unknown, entries: Waiting[]): void {
    let head = 0;
    while (head < entries.length && entries[head]!.gone) head++;
    let gone = 0;
    for (let i = head; i < entries.length; i++) if (entries[i]!.gone) gone++;
    if (head < entries.length) this.buckets.set(key, { entries, times: entries.map((e) => e.time), head, gone });
  }
}
