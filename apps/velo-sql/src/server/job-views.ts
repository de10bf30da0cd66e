import { jobCheckpoints, lastCheckpointAt, type JobCheckpointsView } from './checkpoint-views.js';
import type { AppJob, StallReason } from './deployed-app.js';

/** A job in `GET /jobs`. */
export interface JobSummary {
  readonly id: string;
  readonly app: string;
  readonly name: string;
  readonly state: AppJob['state'];
  readonly uptimeMs: number;
  /** Epoch ms of the job's last checkpoint; null without one (no data dir, or none taken yet). */
  readonly lastCheckpointAt: number | null;
  /** While `state` is `stalled`: the connector that cannot reach its system, its last error, and since when. */
  readonly stalled?: StallReason | undefined;
}

/** `GET /jobs/{id}`: state, uptime, counts per source and sink, bad records, lateness, event-time progress. */
export interface JobDetail extends JobSummary {
  readonly kind: string;
  readonly startedAt: number | null;
  readonly sources: readonly { readonly name: string; readonly recordsIn: number }[];
  readonly sinks: readonly { readonly name: string; readonly recordsOut: number }[];
  readonly errors: number;
  readonly errorsByCode: Readonly<Record<string, number>>;
  readonly dlqRecords: number;
  readonly lateRecords: number;
  /** The job's watermark (epoch ms), when its operators keep one. */
  readonly watermark: number | null;
  /** The latest event time read (epoch ms). */
  readonly maxEventTime: number | null;
  /** Processing time minus the latest event time read, ms. */
  readonly lagMs: number | null;
  /** The last checkpoint (time, size, duration) and the restores at start, with fallbacks from corrupt checkpoints. */
  readonly checkpoints: JobCheckpointsView;
  /** How the job uses worker threads (`shares`, `keys` or `single`, and why not more), once it runs. */
  readonly threads: { readonly mode: string; readonly workers: number; readonly reason?: string | undefined } | null;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

/** One operator row of a profile (and of `velo_operators`). */
export interface OperatorRow {
  readonly position: number;
  readonly operator: string;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly nsPerRow: number;
  readonly totalMs: number;
  readonly stateEntries: number;
  readonly watermark: number | null;
}

/** One source partition of a profile (and of `velo_partitions`). */
export interface PartitionRow {
  readonly source: string;
  readonly partition: number;
  readonly recordsIn: number;
  /** Records behind the end of the partition (Kafka); null where the source cannot tell (files, generators). */
  readonly offsetLag: number | null;
  readonly eventTimeLagMs: number | null;
  readonly watermark: number | null;
}

export interface JobProfileView {
  readonly job: string;
  readonly state: AppJob['state'];
  readonly operators: readonly OperatorRow[];
  readonly partitions: readonly PartitionRow[];
  /** Time the job waited for its source, ms. */
  readonly sourceWaitMs: number;
  /** Time the job waited for its sinks and in-process readers to accept output (backpressure), ms. */
  readonly backpressureMs: number;
}

function uptimeOf(job: AppJob, now: number): number {
  const started = job.runner?.stats.startedAt;
  return started === undefined ? 0 : Math.max(0, now - started);
}

export function jobSummary(job: AppJob, now = Date.now()): JobSummary {
  return {
    id: job.id,
    app: job.app,
    name: job.plan.name,
    state: job.state,
    uptimeMs: uptimeOf(job, now),
    lastCheckpointAt: lastCheckpointAt(job.runner),
    ...(job.stalled ? { stalled: job.stalled } : {}),
  };
}

function sinkNameOf(job: AppJob): string {
  return job.plan.sink?.name ?? job.plan.output ?? 'result';
}

export function jobDetail(job: AppJob, now = Date.now()): JobDetail {
  const stats = job.runner?.stats;
  const profile = job.runner?.profile();
  const bad = job.runner?.badRecordCounts();
  const maxEventTime = profile?.maxEventTime ?? null;
  return {
    ...jobSummary(job, now),
    kind: job.plan.statementKind,
    startedAt: stats?.startedAt ?? null,
    sources: job.plan.inputs.slice(0, 1).map((input) => ({ name: input.name, recordsIn: stats?.recordsIn ?? 0 })),
    sinks: [{ name: sinkNameOf(job), recordsOut: stats?.recordsOut ?? 0 }],
    errors: bad?.total ?? 0,
    errorsByCode: { ...(bad?.byCode ?? {}) },
    dlqRecords: bad?.deadLettered ?? 0,
    lateRecords: stats?.lateRecords ?? 0,
    watermark: profile?.watermark ?? null,
    maxEventTime,
    lagMs: maxEventTime === null ? null : Math.max(0, now - maxEventTime),
    checkpoints: jobCheckpoints(job.runner),
    threads: stats?.threads ?? null,
    ...(job.error ? { error: { code: job.error.code, message: job.error.message } } : {}),
  };
}

export function jobProfile(job: AppJob, now = Date.now()): JobProfileView {
  const profile = job.runner?.profile();
  const operators: OperatorRow[] = (profile?.operators ?? []).map((o, i) => ({
    position: i,
    operator: o.name,
    rowsIn: o.rowsIn,
    rowsOut: o.rowsOut,
    nsPerRow: o.rowsIn === 0 ? 0 : Math.round(o.nanos / o.rowsIn),
    totalMs: o.nanos / 1e6,
    stateEntries: o.stateEntries,
    watermark: o.watermark ?? null,
  }));
  const source = job.plan.inputs[0]?.name ?? job.plan.name;
  const read = profile && profile.partitions.length > 0 ? profile.partitions : [{ partition: 0, records: 0, maxEventTime: undefined }];
  const partitions: PartitionRow[] = read.map((p) => ({
    source,
    partition: p.partition,
    recordsIn: p.records,
    offsetLag: null,
    eventTimeLagMs: p.maxEventTime === undefined ? null : Math.max(0, now - p.maxEventTime),
    watermark: profile?.watermark ?? null,
  }));
  return {
    job: job.id,
    state: job.state,
    operators,
    partitions,
    sourceWaitMs: (profile?.sourceWaitNanos ?? 0) / 1e6,
    backpressureMs: (profile?.backpressureNanos ?? 0) / 1e6,
  };
}
