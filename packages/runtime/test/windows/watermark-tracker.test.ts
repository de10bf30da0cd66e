import { describe, expect, it } from 'vitest';
import { WatermarkTracker } from '../../src/windows/watermark-tracker.js';

describe('WatermarkTracker', () => {
  it('is the largest event time seen less the out-of-orderness, never going back', () => {
    const tracker = new WatermarkTracker(5_000);
    expect(tracker.watermark).toBe(-Infinity);
    tracker.observe(10_000);
    tracker.observe(8_000);
    expect(tracker.watermark).toBe(5_000);
    tracker.end();
    expect(tracker.watermark).toBe(Infinity);
  });

  it('takes the minimum over partitions of one input and over inputs', () => {
    const tracker = new WatermarkTracker(0, 2);
    tracker.select(0);
    tracker.observe(100, undefined, 0);
    tracker.observe(50, undefined, 1);
    // Input 1 has not sent anything yet: it holds the watermark back.
    expect(tracker.watermark).toBe(-Infinity);
    tracker.select(1);
    tracker.observe(500);
    expect(tracker.watermark).toBe(50);
    tracker.select(0);
    tracker.observe(300, undefined, 1);
    expect(tracker.watermark).toBe(100);
    tracker.endInput(0);
    expect(tracker.watermark).toBe(500);
  });

  it('holds back for an assigned partition that has not delivered yet, and lets a revoked one go', () => {
    const tracker = new WatermarkTracker(0, 1, 1_000);
    // A cold start over two partitions: partition 1's records have not arrived when partition 0's do.
    tracker.markCaughtUp(false, 0, [], [0, 1]);
    tracker.observe(10_000, 0, 0);
    expect(tracker.watermark).toBe(-Infinity);
    tracker.observe(4_000, 0, 1);
    expect(tracker.watermark).toBe(4_000);
    // Partition 1 is revoked in a rebalance: only partition 0 counts.
    tracker.markCaughtUp(false, 10, [], [0]);
    expect(tracker.watermark).toBe(10_000);
  });

  it('lets an assigned partition with no records stop holding back once it is caught up and idle', () => {
    const tracker = new WatermarkTracker(0, 1, 1_000);
    tracker.markCaughtUp(false, 0, [1], [0, 1]);
    tracker.observe(10_000, 0, 0);
    expect(tracker.watermark).toBe(-Infinity);
    tracker.markCaughtUp(false, 0, [1], [0, 1]);
    tracker.advanceIdle(999);
    expect(tracker.watermark).toBe(-Infinity);
    tracker.advanceIdle(1_000);
    expect(tracker.watermark).toBe(10_000);
  });

  it('treats a single partition 0 as an unpartitioned input', () => {
    const tracker = new WatermarkTracker(0);
    tracker.markCaughtUp(false, 0, undefined, [0]);
    tracker.observe(7_000, 0, 0);
    expect(tracker.watermark).toBe(7_000);
  });

  it('lets a caught-up input that is silent past the idle timeout stop holding the others back', () => {
    const tracker = new WatermarkTracker(0, 2, 1_000);
    tracker.select(0);
    tracker.observe(100, 0);
    tracker.markCaughtUp(true, 0);
    tracker.select(1);
    tracker.observe(900, 0);
    tracker.markCaughtUp(false, 0);
    tracker.advanceIdle(999);
    expect(tracker.watermark).toBe(100);
    tracker.advanceIdle(1_000);
    expect(tracker.watermark).toBe(900);
    // Input 1 is behind (not caught up): processing time never moves it.
    tracker.advanceIdle(60_000);
    expect(tracker.watermark).toBe(900);
  });

  it('advances with processing time when every input is caught up and idle, and not at all with timeout 0', () => {
    const tracker = new WatermarkTracker(200, 1, 1_000);
    tracker.observe(10_000, 50);
    tracker.markCaughtUp(true, 50);
    tracker.advanceIdle(2_050);
    expect(tracker.watermark).toBe(10_000 + 2_000 - 200);
    const off = new WatermarkTracker(200, 1, 0);
    off.observe(10_000, 50);
    off.markCaughtUp(true, 50);
    off.advanceIdle(1_000_000);
    expect(off.watermark).toBe(9_800);
  });
});

describe('WatermarkTracker over a partitioned input (Kafka)', () => {
  it('lets a caught-up partition silent past the idle timeout stop holding the input back while others are behind', () => {
    const tracker = new WatermarkTracker(0, 1, 1_000);
    tracker.observe(100, 0, 0);
    tracker.observe(5_000, 0, 1);
    expect(tracker.watermark).toBe(100);
    // Partition 0 is at its high watermark; partition 1 still has records waiting.
    tracker.markCaughtUp(false, 0, [0]);
    tracker.advanceIdle(999);
    expect(tracker.watermark).toBe(100);
    tracker.advanceIdle(1_000);
    expect(tracker.watermark).toBe(5_000);
    // Partition 1 is behind: wall-clock time does not move the input further.
    tracker.advanceIdle(100_000);
    expect(tracker.watermark).toBe(5_000);
    // Partition 0 speaks again: it holds the input back again, but the watermark never goes back.
    tracker.observe(200, 100_000, 0);
    tracker.observe(6_000, 100_000, 1);
    expect(tracker.watermark).toBe(5_000);
    tracker.observe(7_000, 100_000, 0);
    expect(tracker.watermark).toBe(6_000);
  });
});
