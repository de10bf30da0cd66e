import { Schema, SqlTypes } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { ProfileCounters } from '../../src/engine/job-profile.js';
import type { Operator } from '../../src/operators/operator.js';

const schema = Schema.of(['v', SqlTypes.BIGINT]);

function operator(name: string, state?: number, watermark?: number): Operator {
  return {
    name,
    finished: false,
    process: (batch) => batch,
    ...(state === undefined ? {} : { stateEntries: () => state }),
    ...(watermark === undefined ? {} : { currentWatermark: () => watermark }),
  };
}

describe('ProfileCounters', () => {
  it('adds rows and time per operator and reads state entries and watermarks when asked', () => {
    const operators = [operator('UpdatingAggregate', 7, 5_000), operator('FilterProject')];
    const counters = new ProfileCounters(() => operators);
    counters.record(0, 10, 4, 2_000);
    counters.record(0, 6, 2, 1_000);
    counters.record(1, 6, 6, 300);
    const profile = counters.snapshot();
    expect(profile.operators).toEqual([
      { name: 'UpdatingAggregate', rowsIn: 16, rowsOut: 6, nanos: 3_000, stateEntries: 7, watermark: 5_000 },
      { name: 'FilterProject', rowsIn: 6, rowsOut: 6, nanos: 300, stateEntries: 0, watermark: undefined },
    ]);
    expect(profile.watermark).toBe(5_000);
  });

  it('counts records and the latest event time per source partition; a batch without partitions is partition 0', () => {
    const counters = new ProfileCounters(() => []);
    counters.observeBatch({ schema, rows: [[1], [2], [3], [4]], eventTimes: [10, 40, 30, 20], partitions: [1, 1, 0, 1] }, undefined);
    counters.observeBatch({ schema, rows: [[5]], eventTimes: [50] }, 25);
    const profile = counters.snapshot();
    expect(profile.partitions).toEqual([
      { partition: 0, records: 2, maxEventTime: 50 },
      { partition: 1, records: 3, maxEventTime: 40 },
    ]);
    expect(profile.maxEventTime).toBe(50);
    // The source's own watermark wins over the operators'.
    expect(profile.watermark).toBe(25);
  });
});
