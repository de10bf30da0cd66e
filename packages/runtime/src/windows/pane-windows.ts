import type { Row } from '@velots/core';
import type { MinHeap } from '../time/min-heap.js';
import type { AggregateInputs } from './aggregate-inputs.js';
import type { GroupState } from './group-state.js';
import { tumblingWindowStart } from './window-assigners.js';

/** A group's partial aggregates in one pane, and when its key first arrived there (the window's row order). */
interface PaneGroup {
  readonly state: GroupState;
  readonly first: number;
}

/**
 * Sliding (hopping) windows whose size is a multiple of their hop, kept as panes: a record updates the one
 * hop-long pane it falls in, not size ÷ hop windows, and a window's row per key is the merge of its panes' states
 * when it closes (accumulators merge exactly; arrival-order aggregates never take this path). The rows of a window
 * come in the order their keys first arrived in it, as with one state per window, and a record is late exactly
 * when every window containing it has closed.
 */
export class PaneWindows {
  private readonly panes = new Map<number, Map<unknown, PaneGroup>>();
  /** Starts of the windows queued in `ends` (a window exists once a record reached it while open). */
  private readonly queued = new Set<number>();
  private arrivals = 0;
  private groupCount = 0;

  constructor(
    private readonly inputs: AggregateInputs,
    private readonly sizeMs: number,
    private readonly advanceMs: number,
    private readonly ends: MinHeap<number>,
  ) {}

  /** Groups held across panes. */
  get entries(): number {
    return this.groupCount;
  }

  /** Adds a record to its pane, queueing the open windows it reaches; false when all of them have closed (late). */
  add(row: Row, time: number, watermark: number): boolean {
    const size = this.sizeMs;
    const advance = this.advanceMs;
    const pane = tumblingWindowStart(time, advance);
    if (pane + size <= watermark) return false;
    for (let start = pane - size + advance; start <= pane; start += advance) {
      if (start + size > watermark && !this.queued.has(start)) {
        this.queued.add(start);
        this.ends.push(start);
      }
    }
    let groups = this.panes.get(pane);
    if (groups === undefined) {
      groups = new Map();
      this.panes.set(pane, groups);
    }
    const key = this.inputs.keyOf(row);
    let group = groups.get(key);
    if (group === undefined) {
      group = { state: this.inputs.newState(row), first: this.arrivals++ };
      groups.set(key, group);
      this.groupCount++;
    }
    this.inputs.add(group.state, row, time);
    return true;
  }

  /** Emits the window starting at `start` (closing in start order), then frees the pane no open window needs any more. */
  close(start: number, rows: Row[], eventTimes: number[]): void {
    this.queued.delete(start);
    const end = start + this.sizeMs;
    const merged = new Map<unknown, { state: GroupState; first: number }>();
    for (let pane = start; pane < end; pane += this.advanceMs) {
      const groups = this.panes.get(pane);
      if (groups === undefined) continue;
      for (const [key, group] of groups) {
        const window = merged.get(key);
        if (window === undefined) merged.set(key, { state: this.inputs.copy(group.state), first: group.first });
        else {
          this.inputs.merge(window.state, group.state);
          if (group.first < window.first) merged.set(key, { state: window.state, first: group.first });
        }
      }
    }
    const ordered = [...merged.values()].sort((a, b) => a.first - b.first);
    for (const window of ordered) {
      rows.push(this.inputs.rowOf(window.state, start, end));
      eventTimes.push(end);
    }
    // Pane `start` belongs to windows starting at or before it, all closed now.
    const freed = this.panes.get(start);
    if (freed !== undefined) {
      this.groupCount -= freed.size;
      this.panes.delete(start);
    }
  }
}
