import { JobCheckpointStore, checkpointedJobs } from './checkpoint-store.js';
import { decodeJobCheckpoint, type JobCheckpoint } from './job-checkpoint.js';

/** The checkpoint an app restarts from: one id, complete for every job of the app. */
export interface AppCheckpoint {
  readonly id: number;
  readonly takenAt: number;
  /** By job name. */
  readonly jobs: ReadonlyMap<string, JobCheckpoint>;
  /** True when a newer checkpoint was found but could not be used. */
  readonly fellBack: boolean;
  /** Why the newer checkpoints were rejected (corrupt, truncated, incomplete), when fellBack. */
  readonly reason?: string | undefined;
}

/**
 * Finds the newest checkpoint id every job of the app wrote and can read back (checksum verified, payload
 * decoded). A job file that is torn, truncated or flipped, or an id a crash left written for some jobs only, is
 * passed over for the previous id; the reasons are reported. `checkpoint` is undefined when none is usable.
 */
export async function loadAppCheckpoint(appDir: string): Promise<{ readonly checkpoint: AppCheckpoint | undefined; readonly rejected: readonly string[] }> {
  const stores = new Map((await checkpointedJobs(appDir)).map((job) => [job, new JobCheckpointStore(appDir, job)] as const));
  const idsByJob = new Map<string, number[]>();
  for (const [job, store] of stores) idsByJob.set(job, await store.ids());
  const candidates = [...new Set([...idsByJob.values()].flat())].sort((a, b) => b - a);
  const loaded = new Map<string, { checkpoint: JobCheckpoint; takenAt: number } | { error: string }>();
  const read = async (job: string, id: number): Promise<{ checkpoint: JobCheckpoint; takenAt: number } | { error: string }> => {
    const key = `${id}\u0000${job}`;
    let entry = loaded.get(key);
    if (!entry) {
      const store = stores.get(job);
      if (!store || !(idsByJob.get(job) ?? []).includes(id)) entry = { error: `job '${job}' has no file for it` };
      else {
        try {
          const file = await store.read(id);
          const checkpoint = decodeJobCheckpoint(file.payload);
          entry = checkpoint.job === job ? { checkpoint, takenAt: file.takenAt } : { error: `the file of job '${job}' belongs to job '${checkpoint.job}'` };
        } catch (error) {
          entry = { error: `job '${job}': ${store.fileOf(id)}: ${error instanceof Error ? error.message : String(error)}` };
        }
      }
      loaded.set(key, entry);
    }
    return entry;
  };
  const rejected: string[] = [];
  for (const id of candidates) {
    // The job list comes from any readable file of this id; every job it names must have a readable file too.
    let appJobs: readonly string[] | undefined;
    const problems: string[] = [];
    for (const job of stores.keys()) {
      if (!(idsByJob.get(job) ?? []).includes(id)) continue;
      const entry = await read(job, id);
      if ('checkpoint' in entry) {
        appJobs = entry.checkpoint.appJobs;
        break;
      }
      problems.push(entry.error);
    }
    if (!appJobs) {
      rejected.push(`checkpoint ${id}: ${problems.join('; ')}`);
      continue;
    }
    const jobs = new Map<string, JobCheckpoint>();
    let takenAt = 0;
    for (const job of appJobs) {
      const entry = await read(job, id);
      if ('error' in entry) problems.push(entry.error);
      else {
        jobs.set(job, entry.checkpoint);
        takenAt = Math.max(takenAt, entry.takenAt);
      }
    }
    if (problems.length > 0) {
      rejected.push(`checkpoint ${id}: ${[...new Set(problems)].join('; ')}`);
      continue;
    }
    return { checkpoint: { id, takenAt, jobs, fellBack: rejected.length > 0, reason: rejected.length > 0 ? rejected.join('; ') : undefined }, rejected };
  }
  return { checkpoint: undefined, rejected };
}

/** The newest checkpoint id present in an app's directory, usable or not (a new run numbers its checkpoints after it). */
export async function newestCheckpointId(appDir: string): Promise<number> {
  let newest = 0;
  for (const job of await checkpointedJobs(appDir)) {
    const [id] = await new JobCheckpointStore(appDir, job).ids();
    if (id !== undefined && id > newest) newest = id;
  }
  return newest;
}
