import type { RecordBatch, Schema, Source, SourceBatch, SourceContext, SourcePosition } from '@velots/core';

/** Which input of a two-input operator (an interval join) a batch came from. */
export type JoinSide = 'left' | 'right';

/** A batch tagged with its join side. */
export type SidedBatch = RecordBatch & { readonly side?: JoinSide };

/** A source whose batches carry the join side they feed, so both streams can travel one merged input. */
export class SidedSource implements Source {
  readonly name: string;
  readonly bounded: boolean;

  constructor(
    private readonly inner: Source,
    private readonly side: JoinSide,
  ) {
    this.name = inner.name;
    this.bounded = inner.bounded;
  }

  open(context: SourceContext): Promise<Schema> {
    return this.inner.open(context);
  }

  async next(maxRecords: number): Promise<SourceBatch | undefined> {
    const read = await this.inner.next(maxRecords);
    return read && { ...read, batch: { ...read.batch, side: this.side } as SidedBatch };
  }

  commit(position: SourcePosition): Promise<void> {
    return this.inner.commit(position);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
