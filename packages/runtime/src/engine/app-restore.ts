import { ErrorCodes, Schema, VeloError, type RecordBatch, type Row } from '@velots/core';
import { loadAppCheckpoint, newestCheckpointId, type AppCheckpoint } from '../checkpoint/app-checkpoint.js';
import type { JobCheckpoint, SourceCheckpoint } from '../checkpoint/job-checkpoint.js';
import type { TableCollector } from '../joins/table-state.js';
import type { ExternalInput } from './job-runner.js';
import type { PreparedJob } from './job-preparation.js';
import type { StreamChannel } from './stream-channel.js';
import type { SubqueryCollector } from './subquery-results.js';

/** What an app restarts from, read before planning so that each source opens at its stored position. */
export interface RestorePoint {
  readonly dir: string;
  readonly checkpoint: AppCheckpoint | undefined;
  /** The newest checkpoint id on disk, usable or not. */
  readonly newestId: number;
  /** Stored source positions by SourceRequest id (planning an unchanged app asks for its sources in the same order). */
  readonly positions: ReadonlyMap<number, SourceCheckpoint>;
  /** Time spent reading, verifying and decoding the checkpoint files, ms. */
  readonly readMs: number;
}

/** Reads an app's checkpoint directory; warns when the newest checkpoint could not be used and which one is. */
export async function readRestorePoint(dir: string, warn: (message: string) => void): Promise<RestorePoint> {
  const started = performance.now();
  const { checkpoint, rejected } = await loadAppCheckpoint(dir);
  const readMs = performance.now() - started;
  if (checkpoint?.fellBack) warn(`checkpoints in ${dir}: ${checkpoint.reason ?? 'a newer checkpoint is unusable'}; restoring from checkpoint ${checkpoint.id}`);
  else if (!checkpoint && rejected.length > 0) warn(`checkpoints in ${dir}: none is usable (${rejected.join('; ')}); starting from the beginning`);
  const positions = new Map<number, SourceCheckpoint>();
  for (const job of checkpoint?.jobs.values() ?? []) for (const source of job.sources) positions.set(source.requestId, source);
  return { dir, checkpoint, newestId: await newestCheckpointId(dir), positions, readMs };
}

/** Refuses to restore an app whose jobs are not those its checkpoint holds (the app changed since). */
export function checkSameJobs(restore: RestorePoint, jobNames: readonly string[]): void {
  const checkpoint = restore.checkpoint;
  if (!checkpoint) return;
  const saved = [...checkpoint.jobs.keys()];
  const same = saved.length === jobNames.length && jobNames.every((name) => checkpoint.jobs.has(name));
  if (!same) {
    throw new VeloError(
      ErrorCodes.CONFIG,
      `checkpoint ${checkpoint.id} in ${restore.dir} holds the jobs [${saved.join(', ')}] but the app runs [${jobNames.join(', ')}]: the app changed since it was taken; remove that directory to start afresh`,
    );
  }
}

/** The position a source request resumes from; throws when the checkpoint's source at that place has another name. */
export function resumePositionFor(restore: RestorePoint | undefined, requestId: number, name: string): SourceCheckpoint['position'] | undefined {
  const stored = restore?.positions.get(requestId);
  if (!stored) return undefined;
  if (stored.name !== name) {
    throw new VeloError(ErrorCodes.CONFIG, `checkpoint ${restore!.checkpoint!.id} in ${restore!.dir} stored a position for source '${stored.name}' where the app now reads '${name}': the app changed since it was taken; remove that directory to start afresh`);
  }
  return stored.position;
}

/**
 * The external sources a job reads and the member of its input each is: the FROM source (member 0), and the right
 * stream of an interval join when it is external (member 1). Tables read whole are not resumed: they load again.
 */
export function externalInputsOf(job: PreparedJob): ExternalInput[] {
  const inputs: ExternalInput[] = [];
  const left = job.plan.inputs[0];
  if (left && left.origin !== 'stream' && left.sourceId !== undefined) inputs.push({ input: 0, requestId: left.sourceId, name: left.name, source: job.source });
  const right = job.plan.inputs.find((input, k) => k > 0 && input.role === 'stream');
  const rightSource = right ? job.tableSources.get(right.name) : undefined;
  if (right && right.origin !== 'stream' && right.sourceId !== undefined && rightSource) inputs.push({ input: 1, requestId: right.sourceId, name: right.name, source: rightSource });
  return inputs;
}

/** Refills a job's in-process inputs with what its checkpoint kept: queued channel batches, gathered table and subquery rows. */
export function restoreInProcessInputs(
  checkpoint: JobCheckpoint,
  channels: readonly StreamChannel[],
  tables: ReadonlyMap<string, TableCollector>,
  subqueries: ReadonlyMap<string, SubqueryCollector>,
): void {
  if (checkpoint.channels.length !== channels.length) {
    throw new VeloError(ErrorCodes.CHECKPOINT, `job '${checkpoint.job}': its checkpoint holds ${checkpoint.channels.length} in-process input(s), the job reads ${channels.length}`);
  }
  for (const [i, channel] of channels.entries()) channel.restoreEntries(checkpoint.channels[i]!);
  for (const { name, rows } of checkpoint.tables) tables.get(name)?.add(rowsBatch(rows));
  for (const { stream, rows } of checkpoint.subqueries) subqueries.get(stream)?.add(rowsBatch(rows));
}

/** Collectors read rows only. */
function rowsBatch(rows: readonly Row[]): RecordBatch {
  return { schema: Schema.EMPTY, rows, eventTimes: [] };
}
