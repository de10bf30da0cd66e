import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeCheckpointFile, encodeCheckpointFile, type CheckpointFile } from './checkpoint-file.js';

const FILE_PATTERN = /^checkpoint-(\d{12})\.vck$/;

/** How many checkpoints a job directory keeps: the newest and the one before, to fall back to. */
export const CHECKPOINTS_KEPT = 2;

/** A job's directory name: its plan name with every character outside `[A-Za-z0-9_-]` written `%XX` (reversible, never `..`). */
export function jobDirectoryName(job: string): string {
  let out = '';
  for (const ch of job) {
    if (/[A-Za-z0-9_-]/.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out === '' ? '%' : out;
}

/** The job name a directory name stands for (inverse of jobDirectoryName). */
export function jobNameOfDirectory(directory: string): string | undefined {
  if (directory === '%') return '';
  try {
    return decodeURIComponent(directory);
  } catch {
    return undefined;
  }
}

/**
 * The checkpoint files of one job, in `<app dir>/<job>/`: `checkpoint-<id>.vck`, each written atomically (a
 * temporary file, fsync, rename, fsync of the directory), so a crash leaves either the whole new file or none.
 */
export class JobCheckpointStore {
  readonly dir: string;

  constructor(appDir: string, readonly job: string) {
    this.dir = join(appDir, jobDirectoryName(job));
  }

  fileOf(id: number): string {
    return join(this.dir, `checkpoint-${String(id).padStart(12, '0')}.vck`);
  }

  /** Writes checkpoint `id` durably; resolves with its size in bytes once the file and its directory entry are on disk. */
  async write(id: number, takenAt: number, payload: Uint8Array): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const bytes = encodeCheckpointFile(id, takenAt, payload);
    const target = this.fileOf(id);
    const temporary = `${target}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    await syncDirectory(this.dir);
    return bytes.length;
  }

  /** Ids of the checkpoint files present, newest first (not yet verified). */
  async ids(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids: number[] = [];
    for (const name of names) {
      const match = FILE_PATTERN.exec(name);
      if (match) ids.push(Number(match[1]));
    }
    return ids.sort((a, b) => b - a);
  }

  /** Reads and verifies checkpoint `id`; throws CorruptCheckpoint (or a file error) when it cannot be used. */
  async read(id: number): Promise<CheckpointFile> {
    const file = decodeCheckpointFile(await readFile(this.fileOf(id)));
    if (file.id !== id) throw new Error(`the file of checkpoint ${id} holds checkpoint ${file.id}`);
    return file;
  }

  /** Deletes every checkpoint older than `oldestKept`, and temporary files a crash left behind. */
  async prune(oldestKept: number): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return;
    }
    const doomed = names.filter((name) => {
      if (name.endsWith('.vck.tmp')) return true;
      const match = FILE_PATTERN.exec(name);
      return match !== null && Number(match[1]) < oldestKept;
    });
    await Promise.all(doomed.map((name) => rm(join(this.dir, name), { force: true })));
  }
}

/** fsync of a directory, so a rename in it survives a crash (a no-op where directories cannot be opened, Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

/** The job directories under an app's checkpoint directory, as job names. */
export async function checkpointedJobs(appDir: string): Promise<string[]> {
  try {
    const entries = await readdir(appDir, { withFileTypes: true });
    return entries.flatMap((e) => {
      const name = e.isDirectory() ? jobNameOfDirectory(e.name) : undefined;
      return name === undefined || jobDirectoryName(name) !== e.name ? [] : [name];
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
