/** Where one partition starts, where a bounded run ends, and how far it has been read. */
interface PartitionState {
  /** The earliest offset still in the log when the source opened. */
  low: number;
  start: number;
  /** The high watermark seen when the source opened: a bounded run reads up to (excluding) it. */
  end: number;
  /** The offset of the next record to deliver. */
  next: number;
  /** The offset after the last record fetched from the broker (delivered or still buffered). */
  fetchedNext: number;
  /** The partition's high watermark as last reported by the broker (the end offset at open until a fetch). */
  high: number;
  /** Records fetched but not yet delivered. */
  buffered: number;
  /** Whether the partition has a position of this source: a record delivered, or resumed from a stored position. */
  read: boolean;
  /** Whether `fetchedNext` is where this member must fetch from when (re)assigned the partition, not the group's commit. */
  positioned: boolean;
}

/** Offsets of a source's partitions, as carried in its SourcePosition: partition → next offset. */
export type PartitionOffsets = Readonly<Record<string, number>>;

/**
 * Per-partition read positions of a Kafka source: what has been delivered (the position the engine commits
 * after the sinks acknowledged), which partitions this member is assigned, and — for bounded runs — whether
 * every assigned partition has reached the end offset it had when the run started.
 */
export class PartitionProgress {
  private readonly partitions = new Map<number, PartitionState>();
  private assigned: readonly number[] | undefined;

  /**
   * Records the start and end offset of each partition, read at open. The start is the stored position's offset when
   * the source resumes (`resumed`: the source seeks there on assignment), else the committed offset or earliest/latest.
   */
  initialise(partition: number, low: number, start: number, end: number, resumed = false): void {
    this.partitions.set(partition, { low, start, end, next: start, fetchedNext: start, high: end, buffered: 0, read: resumed, positioned: resumed });
  }

  /** Records in the log at open over all partitions, read or not (what a schema can be sampled from). */
  inLog(): number {
    let n = 0;
    for (const state of this.partitions.values()) n += Math.max(0, state.end - state.low);
    return n;
  }

  /** The partitions the group gave this member (all partitions until the group is joined). */
  assign(partitions: readonly number[]): void {
    this.assigned = [...partitions].sort((a, b) => a - b);
  }

  get joined(): boolean {
    return this.assigned !== undefined;
  }

  /** The earliest offset of `partition` at open (0 when unknown). */
  lowOf(partition: number): number {
    return this.partitions.get(partition)?.low ?? 0;
  }

  /** The end offset of a bounded run for `partition` (Infinity when unknown: a partition added later). */
  endOf(partition: number): number {
    return this.partitions.get(partition)?.end ?? Number.POSITIVE_INFINITY;
  }

  /** The assigned partitions (all known partitions until the group is joined). */
  assignedPartitions(): readonly number[] {
    return this.assigned ?? [...this.partitions.keys()];
  }

  /** Notes that the broker returned `count` records of `partition` up to `lastOffset`, with its high watermark. */
  fetched(partition: number, lastOffset: number, count: number, highWatermark: number): void {
    const state = this.partitions.get(partition);
    if (!state) return;
    if (lastOffset + 1 > state.fetchedNext) state.fetchedNext = lastOffset + 1;
    if (highWatermark > state.high) state.high = highWatermark;
    state.buffered += count;
    state.positioned = true;
  }

  /** The offset before which records of `partition` were already fetched (0 when this source has no position there). */
  fetchedNextOf(partition: number): number {
    const state = this.partitions.get(partition);
    return state?.positioned ? state.fetchedNext : 0;
  }

  /**
   * Where to seek `partitions` when the group (re)assigns them: the offset after the last record this source fetched
   * (or the stored position it resumed from), so a rebalance or a consumer restart neither skips nor repeats
   * records; partitions without one start from the group's committed offset.
   */
  seekTargets(partitions: readonly number[]): { partition: number; offset: number }[] {
    const out: { partition: number; offset: number }[] = [];
    for (const partition of partitions) {
      const state = this.partitions.get(partition);
      if (state?.positioned) out.push({ partition, offset: state.fetchedNext });
    }
    return out;
  }

  /**
   * The assigned partitions that are caught up: every record fetched was delivered and the next offset has reached
   * the partition's high watermark (a bounded run: its end offset). Only these may count as idle.
   */
  caughtUpPartitions(): number[] {
    return this.assignedPartitions().filter((p) => {
      const state = this.partitions.get(p);
      return state === undefined || (state.buffered === 0 && state.next >= Math.min(state.high, state.end));
    });
  }

  /** True when the records fetched from `partition` reach the end offset seen at open. */
  fetchedToEnd(partition: number): boolean {
    const state = this.partitions.get(partition);
    return state !== undefined && state.fetchedNext >= state.end;
  }

  /** Notes that records up to `offset` of `partition` were delivered. */
  delivered(partition: number, offset: number): void {
    const state = this.partitions.get(partition);
    if (state) {
      if (offset + 1 > state.next) state.next = offset + 1;
      if (state.buffered > 0) state.buffered--;
      state.read = true;
    } else {
      this.partitions.set(partition, { low: offset, start: offset, end: Number.POSITIVE_INFINITY, next: offset + 1, fetchedNext: offset + 1, high: offset + 1, buffered: 0, read: true, positioned: true });
    }
  }

  /** True when every assigned partition has been read up to its end offset. */
  caughtUp(): boolean {
    if (!this.assigned) return false;
    return this.assigned.every((p) => {
      const state = this.partitions.get(p);
      return state === undefined || state.next >= state.end;
    });
  }

  /** Next offsets of the partitions read so far (a SourcePosition's payload). */
  offsets(): PartitionOffsets {
    const out: Record<string, number> = {};
    for (const [partition, state] of this.partitions) if (state.read) out[String(partition)] = state.next;
    return out;
  }

  /** Offsets done and to do over the assigned partitions, for a bounded run's progress line. */
  progress(): { done: number; total: number } {
    let done = 0;
    let total = 0;
    for (const p of this.assigned ?? [...this.partitions.keys()]) {
      const state = this.partitions.get(p);
      if (!state || !Number.isFinite(state.end)) continue;
      total += Math.max(0, state.end - state.start);
      done += Math.max(0, Math.min(state.next, state.end) - state.start);
    }
    return { done, total };
  }

  /**
   * The caught-up marks of a batch: the partitions that are caught up (at their high watermark, nothing buffered)
   * and every assigned partition. The engine lets only caught-up ones count as idle, so a partition that is behind
   * (or has not delivered its first record yet) keeps holding the watermark back.
   */
  caughtUpMarks(): { caughtUp: boolean; caughtUpPartitions: readonly number[] | undefined; partitions: readonly number[] } {
    const caught = this.caughtUpPartitions();
    const partitions = this.assignedPartitions();
    const all = caught.length === partitions.length;
    return { caughtUp: all, caughtUpPartitions: all ? undefined : caught, partitions };
  }
}
