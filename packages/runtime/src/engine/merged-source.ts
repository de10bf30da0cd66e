import type { Schema, Source, SourceBatch, SourceContext, SourcePosition } from '@velots/core';

/**
 * Several in-process streams read as one (a UNION's branches): batches come in the order they are
 * ready, and the merged input ends when every member has ended.
 */
export class MergedSource implements Source {
  readonly bounded: boolean;
  private readonly pending = new Map<number, Promise<{ index: number; read: SourceBatch | undefined }>>();
  private readonly ended = new Set<number>();

  constructor(
    readonly name: string,
    private readonly schema: Schema,
    private readonly members: readonly Source[],
  ) {
    this.bounded = members.every((m) => m.bounded);
  }

  async open(_context: SourceContext): Promise<Schema> {
    return this.schema;
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
      return { batch: { ...read.batch, schema: this.schema }, position: read.position };
    }
  }

  async commit(_position: SourcePosition): Promise<void> {}

  async close(): Promise<void> {
    await Promise.allSettled(this.members.map((m) => m.close()));
  }
}
