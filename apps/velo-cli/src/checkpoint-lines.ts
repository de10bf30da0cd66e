import { formatBytes } from './table-format.js';

interface CheckpointsField {
  readonly last: { readonly id: number; readonly takenAt: number; readonly bytes: number; readonly durationMs: number } | null;
  readonly restores: readonly { readonly at: number; readonly checkpointId: number; readonly fellBack: boolean; readonly reason?: string }[];
}

function isCheckpointsField(value: unknown): value is CheckpointsField {
  return typeof value === 'object' && value !== null && 'last' in value && Array.isArray((value as { restores?: unknown }).restores);
}

/**
 * The `status` lines of a job's `checkpoints` field: `checkpoint: #7 at <time>, 1.5 KiB, 12 ms` and one
 * `restore` line per restore at start (with the reason when a corrupt newer checkpoint was skipped). None from an
 * older server that does not report checkpoints.
 */
export function checkpointLines(field: unknown): Record<string, string> {
  if (!isCheckpointsField(field)) return {};
  const { last, restores } = field;
  const lines: Record<string, string> = {
    checkpoint: last === null ? '-' : `#${last.id} at ${new Date(last.takenAt).toISOString()}, ${formatBytes(last.bytes)}, ${Math.round(last.durationMs)} ms`,
  };
  if (restores.length === 0) lines['restored'] = '-';
  restores.forEach((restore, i) => {
    const fallback = restore.fellBack ? ` (fell back: ${restore.reason ?? 'the newer checkpoint was unusable'})` : '';
    lines[restores.length === 1 ? 'restored' : `restored ${i + 1}`] = `from #${restore.checkpointId} at ${new Date(restore.at).toISOString()}${fallback}`;
  });
  return lines;
}
