import type { JobRunner } from '@velots/runtime';

/** The last checkpoint of a job as `GET /jobs/{id}` shows it. */
export interface CheckpointView {
  readonly id: number;
  /** Epoch ms when it became durable. */
  readonly takenAt: number;
  readonly bytes: number;
  readonly durationMs: number;
}

/** A restore at job start: the checkpoint used, and when a newer one was unusable (torn, corrupt), why. */
export interface RestoreView {
  readonly at: number;
  readonly checkpointId: number;
  readonly fellBack: boolean;
  readonly reason?: string | undefined;
}

/** `checkpoints` of `GET /jobs/{id}`: null and [] for a job that does not checkpoint (no data dir) or has not yet. */
export interface JobCheckpointsView {
  readonly last: CheckpointView | null;
  readonly restores: readonly RestoreView[];
}

export function jobCheckpoints(runner: JobRunner | undefined): JobCheckpointsView {
  const status = runner?.checkpointStatus() ?? { restores: [] };
  const last = status.lastCheckpoint;
  return {
    last: last ? { id: last.id, takenAt: last.takenAt, bytes: last.bytes, durationMs: last.durationMs } : null,
    restores: status.restores.map((r) => ({ at: r.at, checkpointId: r.checkpointId, fellBack: r.fellBack, ...(r.reason === undefined ? {} : { reason: r.reason }) })),
  };
}

/** Epoch ms of a job's last checkpoint, for job lists. */
export function lastCheckpointAt(runner: JobRunner | undefined): number | null {
  return runner?.checkpointStatus().lastCheckpoint?.takenAt ?? null;
}
