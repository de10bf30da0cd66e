import { describe, expect, it } from 'vitest';
import { checkpointLines } from '../src/checkpoint-lines.js';

const AT = Date.UTC(2026, 11, 7, 5, 40, 1, 250);

describe('checkpointLines (velo-cli status)', () => {
  it('shows the last checkpoint with its time, size and duration, and no restore yet', () => {
    expect(checkpointLines({ last: { id: 7, takenAt: AT, bytes: 1536, durationMs: 12.4 }, restores: [] })).toEqual({
      checkpoint: '#7 at 2026-12-07T05:40:01.250Z, 1.5 KiB, 12 ms',
      restored: '-',
    });
  });

  it('shows a restore, and the reason when a newer checkpoint was unusable', () => {
    expect(checkpointLines({ last: null, restores: [{ at: AT, checkpointId: 6, fellBack: true, reason: 'checksum mismatch in checkpoint 7' }] })).toEqual({
      checkpoint: '-',
      restored: 'from #6 at 2026-12-07T05:40:01.250Z (fell back: checksum mismatch in checkpoint 7)',
    });
  });

  it('numbers several restores', () => {
    const lines = checkpointLines({ last: { id: 9, takenAt: AT, bytes: 200, durationMs: 1 }, restores: [{ at: AT, checkpointId: 3, fellBack: false }, { at: AT + 1000, checkpointId: 8, fellBack: false }] });
    expect(lines).toEqual({ checkpoint: '#9 at 2026-12-07T05:40:01.250Z, 200 B, 1 ms', 'restored 1': 'from #3 at 2026-12-07T05:40:01.250Z', 'restored 2': 'from #8 at 2026-12-07T05:40:02.250Z' });
  });

  it('prints nothing for a server that does not report checkpoints', () => {
    expect(checkpointLines(undefined)).toEqual({});
  });
});
