import { ErrorCodes, VeloError, type RecordBatch, type Row, type SourcePosition, type StateValue } from '@velots/core';
import type { BadRecordCounts } from '../engine/bad-record-handler.js';
import { decodeState, encodeState } from './state-codec.js';

/** A batch of an in-process stream not yet processed by its reader, without its schema (the plan knows it). */
export type BufferedBatch = Omit<RecordBatch, 'schema'>;

/** One queued batch of a StreamChannel: the batch, the producer's input it came from, and whether that input was caught up. */
export interface ChannelEntry {
  readonly batch: BufferedBatch;
  readonly input: number;
  readonly caughtUp: boolean;
}

/** The position of one external source a job reads (its SourceRequest id links it to the source planning opens). */
export interface SourceCheckpoint {
  readonly requestId: number;
  readonly name: string;
  readonly position: SourcePosition;
}

/** Counters a job carries across restarts. */
export interface JobCounters {
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly lateRecords: number;
  readonly batches: number;
}

/**
 * Everything one job needs to go on from a checkpoint: its operators' snapshots, the positions of its external
 * sources after the last batch it fully processed, its counters, and the in-process input it had received but not
 * yet processed (queued channel batches, the rows gathered for its CTAS-table joins and subqueries).
 */
export interface JobCheckpoint {
  readonly job: string;
  /** Every job of the app in this checkpoint: a checkpoint id is usable only when all of them have it. */
  readonly appJobs: readonly string[];
  /**
   * `starting`: the job had not read anything yet (it was loading the tables it joins); `running`: it goes on from
   * here; `finished`: it had read all its input and emitted everything, so it does not run again.
   */
  readonly status: 'starting' | 'running' | 'finished';
  /** Per operator of the chain, in order: its name and its snapshot (undefined for stateless operators). */
  readonly operators: readonly { readonly name: string; readonly state: StateValue }[];
  readonly sources: readonly SourceCheckpoint[];
  readonly counters: JobCounters;
  readonly badRecords: BadRecordCounts;
  /** The largest event time read (for the lag gauge), and each operator's watermark when it keeps one. */
  readonly maxEventTime: number | undefined;
  readonly watermarks: readonly (number | null)[];
  /** Queued batches of each in-process stream the job reads, in the engine's channel order. */
  readonly channels: readonly (readonly ChannelEntry[])[];
  /** Rows gathered so far for each in-process TABLE the job joins, and for each subquery, by stream name. */
  readonly tables: readonly { readonly name: string; readonly rows: readonly Row[] }[];
  readonly subqueries: readonly { readonly stream: string; readonly rows: readonly Row[] }[];
}

/** Encodes a job checkpoint (the payload of its file). */
export function encodeJobCheckpoint(checkpoint: JobCheckpoint): Uint8Array {
  const value = {
    ...checkpoint,
    // Source positions are opaque JSON: kept as text so any JSON a connector chooses survives unchanged.
    sources: checkpoint.sources.map((s) => ({ requestId: s.requestId, name: s.name, position: JSON.stringify(s.position) })),
  };
  // Rows and batches hold SQL values (numbers, bigints, decimals, strings, bytes, arrays, maps, structs): all state values.
  return encodeState(value as unknown as StateValue);
}

/** Decodes a job checkpoint; throws a CHECKPOINT error when the bytes do not hold one. */
export function decodeJobCheckpoint(bytes: Uint8Array): JobCheckpoint {
  const value = decodeState(bytes) as Record<string, unknown> | null;
  const bad = (what: string): never => {
    throw new VeloError(ErrorCodes.CHECKPOINT, `the checkpoint payload is not a job checkpoint (${what})`);
  };
  if (value === null || typeof value !== 'object') return bad('not an object');
  if (typeof value['job'] !== 'string') bad('no job name');
  if (!Array.isArray(value['appJobs']) || !value['appJobs'].every((j) => typeof j === 'string')) bad('no job list');
  if (value['status'] !== 'starting' && value['status'] !== 'running' && value['status'] !== 'finished') bad('no status');
  for (const key of ['operators', 'sources', 'watermarks', 'channels', 'tables', 'subqueries']) {
    if (!Array.isArray(value[key])) bad(`no ${key}`);
  }
  const sources = (value['sources'] as { requestId: number; name: string; position: string }[]).map((s) => ({
    requestId: s.requestId,
    name: s.name,
    position: JSON.parse(s.position) as SourcePosition,
  }));
  return { ...(value as unknown as JobCheckpoint), sources };
}
