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

  constructor(
    readonly name: string,
    private readonly schema: Schema | undefined,
    private readonly members: readonly Source[],
  ) {
    this.bounded = members.every((m) => m.bounded);
  }

  async open(context: SourceContext): Promise<Schema> {
    return this.schema ?? this.members[0]!.open(context);
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    for (;;) {
      for (const [index, member] of this.members.entries()) {
        if (!this.pending.has(index) && !this.ended.has(index)) {
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
      return { ...read, batch: this.schema ? { ...read.batch, schema: this.schema } : read.batch, input: index };
    }
  }

  async commit(_position: SourcePosition): Promise<void> {}

  async close(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.close()));
  }
}
