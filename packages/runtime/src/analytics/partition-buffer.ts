import type { Row, StateValue } from '@velots/core';
import type { Accumulator } from '@velots/planner';
import type { PendingRow } from './pending-output.js';
import type { WindowOrder } from './window-order.js';

/** One row as a window holds it. */
export interface AnalyticEntry {
  readonly features: Row;
  readonly pending: PendingRow;
  /** This window's calls (indexes into its call list) still waiting for later rows; undefined when none. */
  waitingCalls: number[] | undefined;
}

/** A running aggregate over the partition's rows from its start: the cumulative-frame fast path. */
export interface RunningAggregate {
  accumulator: Accumulator;
  /** Rows added; -1 when the accumulator no longer matches the buffer (rebuilt on the next append). */
  count: number;
}

/** DENSE_RANK of the peer group starting at `firstPeer`, valid while `stamp` matches the buffer's layout. */
export interface DenseRankMemo {
  firstPeer: number;
  rank: number;
  stamp: number;
}

/**
 * The rows of one partition of one window, kept in ORDER BY order (ties and no ORDER BY: arrival
 * order). With `ROWS WINDOW BUFFER n` only the last n arrivals stay.
 */
export class PartitionBuffer {
  readonly entries: AnalyticEntry[] = [];
  /** Arrival order of `entries`, kept only when a capacity evicts the oldest arrival. */
  private readonly arrivals: AnalyticEntry[] = [];
  /** Entries with waiting calls that a later arrival can complete (not UNBOUNDED FOLLOWING only). */
  readonly held: AnalyticEntry[] = [];
  /** Per call of the window: its running aggregate, when the call uses one. */
  readonly running: (RunningAggregate | undefined)[] = [];
  lastEventTime = -Infinity;
  /** Bumped whenever existing rows change index (a mid insertion, an eviction): invalidates index-based memos. */
  layoutStamp = 0;
  /** Per call of the window: DENSE_RANK's last answer, reused while the layout is unchanged. */
  readonly denseRanks: (DenseRankMemo | undefined)[] = [];

  constructor(
    private readonly order: WindowOrder,
    readonly capacity: number | undefined,
  ) {}

  get length(): number {
    return this.entries.length;
  }

  /**
   * The buffer for a checkpoint: its rows in ORDER BY order (features, pending-row position, waiting calls), the
   * arrival order and held rows as positions, each call's running aggregate (`[state, rows added]`), the latest event
   * time. DENSE_RANK memos are left out: they are recomputed from the start of the partition when missing.
   */
  snapshot(pendingPosition: (pending: PendingRow) => number): StateValue {
    const position = new Map(this.entries.map((entry, i) => [entry, i]));
    return {
      features: this.entries.map((e) => e.features.slice()),
      pending: Int32Array.from(this.entries, (e) => pendingPosition(e.pending)),
      waiting: this.entries.map((e) => e.waitingCalls?.slice() ?? null),
      arrivals: this.capacity === undefined ? null : Int32Array.from(this.arrivals, (e) => position.get(e)!),
      held: Int32Array.from(this.held, (e) => position.get(e)!),
      running: this.running.map((r) => (r === undefined ? null : [r.accumulator.snapshot(), r.count])),
      lastEventTime: this.lastEventTime,
    };
  }

  /** Replaces a fresh buffer's rows with ones `snapshot` returned; `newAccumulator(c)` makes call c's running aggregate. */
  restore(state: StateValue, pending: readonly PendingRow[], newAccumulator: (call: number) => Accumulator | undefined): void {
    const saved = state as {
      features: readonly Row[];
      pending: Int32Array;
      waiting: readonly (number[] | null)[];
      arrivals: Int32Array | null;
      held: Int32Array;
      running: readonly (readonly [StateValue, number] | null)[];
      lastEventTime: number;
    };
    const entries = saved.features.map((features, i): AnalyticEntry => ({ features, pending: pending[saved.pending[i]!]!, waitingCalls: saved.waiting[i] ?? undefined }));
    this.entries.length = 0;
    for (const entry of entries) this.entries.push(entry);
    this.arrivals.length = 0;
    if (saved.arrivals !== null) for (const i of saved.arrivals) this.arrivals.push(entries[i]!);
    this.held.length = 0;
    for (const i of saved.held) this.held.push(entries[i]!);
    this.running.length = 0;
    saved.running.forEach((running, c) => {
      const accumulator = running === null ? undefined : newAccumulator(c);
      if (running === null || accumulator === undefined) {
        this.running.push(undefined);
        return;
      }
      accumulator.restore(running[0]);
      this.running.push({ accumulator, count: running[1] });
    });
    this.lastEventTime = saved.lastEventTime;
    this.layoutStamp = 0;
    this.denseRanks.length = 0;
  }

  /** Inserts after every entry that sorts before or with it; returns its index. */
  insert(entry: AnalyticEntry): number {
    const entries = this.entries;
    if (this.capacity !== undefined) this.arrivals.push(entry);
    const n = entries.length;
    // In-order arrival is the common case: one comparison, then a push.
    if (n === 0 || this.order.keyCount === 0 || this.order.compare(entries[n - 1]!.features, entry.features) <= 0) {
      entries.push(entry);
      return n;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order.compare(entries[mid]!.features, entry.features) <= 0) lo = mid + 1;
      else hi = mid;
    }
    entries.splice(lo, 0, entry);
    this.layoutStamp++;
    return lo;
  }

  /** The oldest arrival when the buffer holds more than its capacity, else undefined. */
  overflow(): AnalyticEntry | undefined {
    if (this.capacity === undefined || this.entries.length <= this.capacity) return undefined;
    return this.arrivals[0];
  }

  /** Removes the oldest arrival (the one `overflow` returned). */
  evictOldest(): void {
    const oldest = this.arrivals.shift();
    if (oldest === undefined) return;
    const index = this.indexOf(oldest);
    if (index !== -1) this.entries.splice(index, 1);
    this.layoutStamp++;
    const heldIndex = this.held.indexOf(oldest);
    if (heldIndex !== -1) this.held.splice(heldIndex, 1);
  }

  /** Where an entry sits now (out-of-order arrivals and evictions shift it): a binary search over its peers; -1 when gone. */
  indexOf(entry: AnalyticEntry): number {
    const entries = this.entries;
    if (this.order.keyCount === 0) return entries.lastIndexOf(entry);
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order.compare(entries[mid]!.features, entry.features) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      if (entries[i] === entry) return i;
      if (this.order.compare(entries[i]!.features, entry.features) !== 0) return -1;
    }
    return -1;
  }

  /** First index of the peer group (equal ORDER BY values) that `index` belongs to. */
  firstPeer(index: number): number {
    if (this.order.keyCount === 0) return 0;
    const entries = this.entries;
    const row = entries[index]!.features;
    let i = index;
    while (i > 0 && this.order.compare(entries[i - 1]!.features, row) === 0) i--;
    return i;
  }

  /** Last index of the peer group that `index` belongs to. */
  lastPeer(index: number): number {
    if (this.order.keyCount === 0) return this.entries.length - 1;
    const entries = this.entries;
    const row = entries[index]!.features;
    let i = index;
    while (i < entries.length - 1 && this.order.compare(entries[i + 1]!.features, row) === 0) i++;
    return i;
  }
}
