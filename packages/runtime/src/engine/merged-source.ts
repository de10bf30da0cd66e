import { Schema, emptyBatch, type Source, type SourceBatch, type SourceContext, type SourcePosition } from '@velots/core';

/**
 * Several streams read as one (a UNION's branches, the two sides of an interval join): batches come in
 * the order they are ready, and the merged input ends when every member has ended. With a schema, every
 * batch is relabelled with it (UNION branches of one shape); without, batches keep their own.
 */
export class MergedSource implements Source {
  readonly bounded: boolean;
  /** How many inputs it merges: operators keep a watermark per member. */
  get inputCount(): number {
    return this.members.length;
  }
  private readonly pending = new Map<number, Promise<{ index: number; read: SourceBatch | undefined }>>();
  private readonly ended = new Set<number>();
  /** Per member, the latest event time it delivered (aligned reading); −∞ before its first batch. */
  private readonly reached: number[];
  private readonly aligned: boolean;

  constructor(
    readonly name: string,
    private readonly schema: Schema | undefined,
    private readonly members: readonly Source[],
    /**
     * Read bounded members in event-time step: only the member that is furthest behind is read next (each member is
     * read once at the start). The two streams of an interval join then move together, so neither waits in the join
     * for the other to catch up (a file of clicks read at the pace of a file of impressions five times as dense would
     * otherwise run far ahead, and every click would wait). Unbounded members are always read as they come.
     */
    alignEventTime = false,
  ) {
    this.bounded = members.every((m) => m.bounded);
    this.aligned = alignEventTime && this.bounded;
    this.reached = members.map(() => -Infinity);
  }

  async open(context: SourceContext): Promise<Schema> {
    return this.schema ?? this.members[0]!.open(context);
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    for (;;) {
      const behind = this.aligned ? this.furthestBehind() : Infinity;
      for (const [index, member] of this.members.entries()) {
        if (!this.pending.has(index) && !this.ended.has(index) && this.reached[index]! <= behind) {
          this.pending.set(index, member.next(maxRecords).then((read) => ({ index, read })));
        }
      }
      if (this.pending.size === 0) return undefined;
      const { index, read } = await Promise.race(this.pending.values());
      this.pending.delete(index);
      if (read === undefined) {
        this.ended.add(index);
        // Downstream watermarks stop waiting for this member; the last member's end is the end of the input.
        if (this.ended.size < this.members.length) return { batch: emptyBatch(this.schema ?? Schema.EMPTY), position: {}, input: index, inputEnded: true };
        continue;
      }
      if (this.aligned) this.noteReached(index, read.batch.eventTimes);
      return { ...read, batch: this.schema ? { ...read.batch, schema: this.schema } : read.batch, input: index };
    }
  }

  /** The lowest event time reached by a member still reading. */
  private furthestBehind(): number {
    let lowest = Infinity;
    for (let index = 0; index < this.members.length; index++) if (!this.ended.has(index) && this.reached[index]! < lowest) lowest = this.reached[index]!;
    return lowest;
  }

  private noteReached(index: number, eventTimes: readonly number[]): void {
    let latest = this.reached[index]!;
    for (let i = 0; i < eventTimes.length; i++) if (eventTimes[i]! > latest) latest = eventTimes[i]!;
    this.reached[index] = latest;
  }

  async commit(_position: SourcePosition): Promise<void> {}

  async close(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.close()));
  }
}
