import type { Schema, Source, SourceBatch, SourceContext, SourcePosition } from '@velots/core';

/**
 * Several streams read as one (a UNION's branches, the two sides of an interval join): batches come in
 * the order they are ready, and the merged input ends when every member has ended. With a schema, every
 * batch is relabelled with it (UNION branches of one shape); without, batches keep their own.
 */
export class MergedSource implements Source {
  readonly bounded: boolean;
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
        continue;
      }
      return this.schema ? { batch: { ...read.batch, schema: this.schema }, position: read.position } : read;
    }
  }

  async commit(_position: SourcePosition): Promise<void> {}

  async close(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.close()));
  }
}
