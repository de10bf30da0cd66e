import type { FrameBoundPlan, FramePlan } from '@velots/planner';
import type { PartitionBuffer } from './partition-buffer.js';
import type { WindowOrder } from './window-order.js';

/** The frame of one row: buffer indexes `start..end` inclusive; empty when start > end. */
export interface FrameRange {
  start: number;
  end: number;
}

/** Dialect §7 default: partition start → current row (with ORDER BY, ties that arrived before count as peers). */
export const DEFAULT_FRAME: FramePlan = {
  unit: 'RANGE',
  start: { kind: 'UNBOUNDED_PRECEDING' },
  end: { kind: 'CURRENT_ROW' },
};

/** True when the frame's end lies after the current row: the row must wait for later rows. */
export function frameNeedsLaterRows(frame: FramePlan): boolean {
  return frame.end.kind === 'FOLLOWING' || frame.end.kind === 'UNBOUNDED_FOLLOWING';
}

/** True for `UNBOUNDED PRECEDING … CURRENT ROW`: the cumulative frame a running aggregate serves. */
export function isCumulativeFrame(frame: FramePlan): boolean {
  return frame.start.kind === 'UNBOUNDED_PRECEDING' && frame.end.kind === 'CURRENT_ROW';
}

/**
 * Resolves `frame` for the row at `index` into `out`, clipped to the buffer. ROWS bounds count rows;
 * RANGE bounds measure the first ORDER BY value (numbers, or ms for timestamps): rows whose value lies
 * within [current − preceding, current + following]; a NULL current value frames its NULL peers.
 */
export function resolveFrame(
  frame: FramePlan,
  buffer: PartitionBuffer,
  order: WindowOrder,
  index: number,
  out: FrameRange,
): FrameRange {
  if (frame.unit === 'ROWS') {
    out.start = Math.max(0, rowsBound(frame.start, index, buffer.length));
    out.end = Math.min(buffer.length - 1, rowsBound(frame.end, index, buffer.length));
    return out;
  }
  out.start = rangeBound(frame.start, buffer, order, index, true);
  out.end = rangeBound(frame.end, buffer, order, index, false);
  return out;
}

/**
 * True once every row the frame's end needs has arrived: for ROWS n FOLLOWING the n-th next row, for
 * RANGE n FOLLOWING a row beyond current + n. UNBOUNDED FOLLOWING never is (only end of input is).
 */
export function frameEndArrived(frame: FramePlan, buffer: PartitionBuffer, order: WindowOrder, index: number): boolean {
  const end = frame.end;
  if (end.kind === 'UNBOUNDED_FOLLOWING') return false;
  if (end.kind !== 'FOLLOWING') return true;
  if (frame.unit === 'ROWS') return index + (end.offset ?? 0) <= buffer.length - 1;
  return rangeBound(end, buffer, order, index, false) < buffer.length - 1;
}

function rowsBound(bound: FrameBoundPlan, index: number, length: number): number {
  switch (bound.kind) {
    case 'UNBOUNDED_PRECEDING':
      return 0;
    case 'PRECEDING':
      return index - (bound.offset ?? 0);
    case 'CURRENT_ROW':
      return index;
    case 'FOLLOWING':
      return index + (bound.offset ?? 0);
    case 'UNBOUNDED_FOLLOWING':
      return length - 1;
  }
}

function rangeBound(
  bound: FrameBoundPlan,
  buffer: PartitionBuffer,
  order: WindowOrder,
  index: number,
  isStart: boolean,
): number {
  switch (bound.kind) {
    case 'UNBOUNDED_PRECEDING':
      return 0;
    case 'UNBOUNDED_FOLLOWING':
      return buffer.length - 1;
    case 'CURRENT_ROW':
      return isStart ? buffer.firstPeer(index) : buffer.lastPeer(index);
    case 'PRECEDING':
    case 'FOLLOWING': {
      const current = order.firstKey(buffer.entries[index]!.features);
      if (current === null || order.keyCount === 0) return isStart ? buffer.firstPeer(index) : buffer.lastPeer(index);
      const offset = bound.offset ?? 0;
      const limit = order.position(current) + (bound.kind === 'PRECEDING' ? -offset : offset);
      return isStart ? firstAtOrAfter(buffer, order, limit) : lastAtOrBefore(buffer, order, limit);
    }
  }
}

/** The non-NULL first keys form one run of the buffer (NULLs sort at one end): its [from, to) indexes. */
function nonNullRun(buffer: PartitionBuffer, order: WindowOrder): [number, number] {
  const entries = buffer.entries;
  let from = 0;
  let to = entries.length;
  while (from < to && order.firstKey(entries[from]!.features) === null) from++;
  while (to > from && order.firstKey(entries[to - 1]!.features) === null) to--;
  return [from, to];
}

/** First index whose position ≥ limit (among non-NULL keys); past the run when none. */
function firstAtOrAfter(buffer: PartitionBuffer, order: WindowOrder, limit: number): number {
  const [from, to] = nonNullRun(buffer, order);
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.position(order.firstKey(buffer.entries[mid]!.features)) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Last index whose position ≤ limit (among non-NULL keys); before the run when none. */
function lastAtOrBefore(buffer: PartitionBuffer, order: WindowOrder, limit: number): number {
  const [from, to] = nonNullRun(buffer, order);
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order.position(order.firstKey(buffer.entries[mid]!.features)) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
