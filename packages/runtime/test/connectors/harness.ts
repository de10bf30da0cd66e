import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, noopTelemetry, type BadRecord, type Row, type Schema, type Source, type SourceBatch, type SourcePosition } from '@velots/core';
import { createSource } from '../../src/connectors/index.js';

/** A fresh temp directory with the given files written into it. */
export function tempDirWith(files: Readonly<Record<string, string | Buffer>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'velo-conn-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Everything a source produced when read to its end. */
export interface ReadResult {
  readonly schema: Schema;
  readonly rows: Row[];
  readonly bad: BadRecord[];
  readonly batches: SourceBatch[];
  readonly lastPosition: SourcePosition | undefined;
}

/** Opens `source` (optionally resuming), reads it to the end with `maxRecords` per batch, closes it. */
export async function readAll(source: Source, options: { maxRecords?: number; resumeFrom?: SourcePosition; clock?: ManualClock } = {}): Promise<ReadResult> {
  const bad: BadRecord[] = [];
  const schema = await source.open({
    signal: new AbortController().signal,
    telemetry: noopTelemetry,
    clock: options.clock ?? new ManualClock(1_700_000_000_000),
    resumeFrom: options.resumeFrom,
    reportBadRecord: (record) => bad.push(record),
  });
  const rows: Row[] = [];
  const batches: SourceBatch[] = [];
  for (;;) {
    const batch = await source.next(options.maxRecords ?? 1000);
    if (!batch) break;
    batches.push(batch);
    rows.push(...batch.batch.rows);
  }
  await source.close();
  return { schema, rows, bad, batches, lastPosition: batches.at(-1)?.position };
}

/** A file_source over `dir` with `properties`, read to the end. */
export async function readFileSource(dir: string, properties: Record<string, string>, extra: { schema?: Schema; maxRecords?: number; resumeFrom?: SourcePosition } = {}): Promise<ReadResult> {
  const { connector } = createSource('file_source', { name: 'trades', properties, baseDir: dir, schema: extra.schema });
  return readAll(connector, extra);
}

/** Rows with decimals and other objects turned into comparable text. */
export function plain(rows: readonly Row[]): unknown[][] {
  return rows.map((row) => row.map((v) => (typeof v === 'object' && v !== null && 'unscaled' in v ? `dec:${v.toString()}` : v)));
}
