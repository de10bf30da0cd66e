import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A checkpoint file of a job: its path and size. */
export interface CheckpointFile {
  readonly path: string;
  readonly bytes: number;
  readonly modifiedMs: number;
}

/**
 * The complete checkpoints a job keeps in `<data-dir>/<app>/<job>/` (temp files of a write in progress left out),
 * oldest first. The runtime names them so that a later checkpoint sorts after an earlier one and keeps two.
 */
export function checkpointFiles(jobDir: string): CheckpointFile[] {
  if (!existsSync(jobDir)) return [];
  return readdirSync(jobDir)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.tmp') && !name.includes('.tmp'))
    .map((name) => join(jobDir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: statSync(path).size, modifiedMs: statSync(path).mtimeMs }))
    .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

/** Cuts a checkpoint file to half its size, as a crash in the middle of a write without the rename would. */
export function truncateCheckpoint(file: CheckpointFile): void {
  truncateSync(file.path, Math.floor(file.bytes / 2));
}

/** Flips one bit of a byte in the middle of a checkpoint file, as silent disk corruption would. */
export function flipCheckpointByte(file: CheckpointFile): void {
  const bytes = readFileSync(file.path);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x10;
  writeFileSync(file.path, bytes);
}
