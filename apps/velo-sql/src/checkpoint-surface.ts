import type { Engine, EngineOptions, JobRunner } from '@velots/runtime';

/** The last checkpoint a job took (epoch ms, bytes written, time it took). */
export interface LastCheckpoint {
  readonly id: number;
  readonly takenAt: number;
  readonly bytes: number;
  readonly durationMs: number;
}

/** A restore at job start: from which checkpoint, and whether a newer one was unusable (with why). */
export interface RestoreEvent {
  readonly at: number;
  readonly checkpointId: number;
  readonly fellBack: boolean;
  readonly reason?: string | undefined;
}

export interface CheckpointStatus {
  readonly lastCheckpoint?: LastCheckpoint | undefined;
  readonly restores: readonly RestoreEvent[];
}

/**
 * The runtime's checkpoint surface as this app uses it: `EngineOptions.checkpoints`, `Engine.shutdown()` and
 * `JobRunner.checkpointStatus()`. One place adapts to the runtime, so the CLI and the server do not probe it.
 */
interface CheckpointingEngine {
  shutdown?: () => Promise<void>;
}
interface CheckpointingRunner {
  checkpointStatus?: () => CheckpointStatus;
}

/** The engine options that put an app's job checkpoints under `dir` (`<dir>/<job>/`). */
export function checkpointOptions(dir: string | undefined): Partial<EngineOptions> {
  if (dir === undefined) return {};
  const options: Record<string, unknown> = { checkpoints: { dir } };
  return options as Partial<EngineOptions>;
}

/** Graceful stop: a final checkpoint of every job (open windows kept for the restart), sinks flushed, offsets committed. */
export function shutdownEngine(engine: Engine): Promise<void> {
  const graceful = (engine as unknown as CheckpointingEngine).shutdown;
  if (graceful) return graceful.call(engine);
  engine.stop();
  return Promise.resolve();
}

/** A job's last checkpoint and restore events (none when the job does not checkpoint). */
export function checkpointStatusOf(runner: JobRunner | undefined): CheckpointStatus {
  const status = (runner as unknown as CheckpointingRunner | undefined)?.checkpointStatus;
  return status ? status.call(runner) : { restores: [] };
}
