import { describe, expect, it } from 'vitest';
import { PartitionProgress } from '../src/source/partition-progress.js';

function twoPartitions(): PartitionProgress {
  const progress = new PartitionProgress();
  progress.initialise(0, 0, 2, 10); // committed at 2, end 10
  progress.initialise(1, 5, 5, 5); // empty: nothing to read
  progress.assign([1, 0]);
  return progress;
}

describe('PartitionProgress', () => {
  it('counts offsets done of the total over the assigned partitions', () => {
    const progress = twoPartitions();
    expect(progress.progress()).toEqual({ done: 0, total: 8 });
    progress.fetched(0, 5, 4, 10);
    for (let offset = 2; offset <= 5; offset++) progress.delivered(0, offset);
    expect(progress.progress()).toEqual({ done: 4, total: 8 });
    expect(progress.offsets()).toEqual({ '0': 6 });
    expect(progress.caughtUp()).toBe(false);
  });

  it('is caught up per partition only when everything fetched was delivered up to the high watermark', () => {
    const progress = twoPartitions();
    expect(progress.caughtUpPartitions()).toEqual([1]);
    progress.fetched(0, 9, 8, 10);
    for (let offset = 2; offset <= 8; offset++) progress.delivered(0, offset);
    expect(progress.caughtUpPartitions()).toEqual([1]);
    progress.delivered(0, 9);
    expect(progress.caughtUpPartitions()).toEqual([0, 1]);
    expect(progress.caughtUp()).toBe(true);
  });

  it('commits only the partitions it read, and never before the group assigned any', () => {
    const progress = new PartitionProgress();
    progress.initialise(0, 0, 0, 3);
    expect(progress.caughtUp()).toBe(false);
    expect(progress.offsets()).toEqual({});
  });

  it('seeks resumed partitions to their stored offset and read ones to where they were fetched; the others start from the group', () => {
    const progress = new PartitionProgress();
    progress.initialise(0, 0, 7, 20, true); // resumed from a stored position at 7
    progress.initialise(1, 0, 3, 20); // the group's committed offset
    progress.initialise(2, 0, 0, 20);
    expect(progress.seekTargets([0, 1, 2])).toEqual([{ partition: 0, offset: 7 }]);
    // A resumed partition is part of the position before anything of it is read again.
    expect(progress.offsets()).toEqual({ '0': 7 });
    progress.fetched(2, 9, 10, 20);
    expect(progress.seekTargets([2, 1, 0])).toEqual([{ partition: 2, offset: 10 }, { partition: 0, offset: 7 }]);
    expect(progress.fetchedNextOf(2)).toBe(10);
    expect(progress.fetchedNextOf(1)).toBe(0);
  });
});
