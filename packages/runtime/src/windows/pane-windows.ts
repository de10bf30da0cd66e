import type { Row, StateValue } from '@velots/core';
import type { MinHeap } from '../time/min-heap.js';
import type { AggregateInputs } from './aggregate-inputs.js';
import type { GroupState } from './group-state.js';
import { tumblingWindowStart } from './window-assigners.js';

/** A group's partial aggregates in one pane, and when its key first arrived there (the window's row order). */
interface PaneGroup {
  readonly state: GroupState;
  readonly first: number;
}

/** A key's row of the closing window: a pane's own state, or a merged copy once a second pane has the key. */
interface WindowGroup {
  state: GroupState;
  first: number;
  copied: boolean;
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

  /** `{ panes, queued, arrivals }`: per pane its start, its groups' compact fields and their first arrivals; the queued window starts. */
  snapshot(): StateValue {
    const panes: StateValue[] = [];
    for (const [pane, groups] of this.panes) {
      const list = [...groups.values()];
      panes.push([pane, this.inputs.save(list.map((g) => g.state)), Float64Array.from(list, (g) => g.first)]);
    }
    return { panes, queued: Float64Array.from(this.queued), arrivals: this.arrivals };
  }

  /** Replaces the panes with ones `snapshot` returned (the heap of window ends is restored by the operator). */
  restore(state: StateValue): void {
    const saved = state as { panes: readonly (readonly [number, StateValue, Float64Array])[]; queued: Float64Array; arrivals: number };
    this.panes.clear();
    this.groupCount = 0;
    for (const [pane, groups, firsts] of saved.panes) {
      const live = new Map<unknown, PaneGroup>();
      this.inputs.load(groups).forEach((group, g) => live.set(this.inputs.keyOfState(group), { state: group, first: firsts[g]! }));
      this.panes.set(pane, live);
      this.groupCount += live.size;
    }
    this.queued.clear();
    for (const start of saved.queued) this.queued.add(start);
    this.arrivals = saved.arrivals;
  }

  /** Emits the window starting at `start` (closing in start order), then frees the pane no open window needs any more. */
  close(start: number, rows: Row[], eventTimes: number[]): void {
    this.queued.delete(start);
    const end = start + this.sizeMs;
    // A key found in one pane emits that pane's state as it is; a second pane makes it a merged copy.
    const merged = new Map<unknown, WindowGroup>();
    let inOrder = true;
    let lastFirst = -1;
    for (let pane = start; pane < end; pane += this.advanceMs) {
      const groups = this.panes.get(pane);
      if (groups === undefined) continue;
      for (const [key, group] of groups) {
        const window = merged.get(key);
        if (window === undefined) {
          merged.set(key, { state: group.state, first: group.first, copied: false });
          if (group.first < lastFirst) inOrder = false;
          lastFirst = group.first;
          continue;
        }
        if (!window.copied) {
          window.state = this.inputs.copy(window.state);
          window.copied = true;
        }
        this.inputs.merge(window.state, group.state);
        if (group.first < window.first) {
          window.first = group.first;
          inOrder = false;
        }
      }
    }
    // In-order input meets its keys in first-arrival order already; only out-of-order input needs the sort.
    const ordered = [...merged.values()];
    if (!inOrder) ordered.sort((a, b) => a.first - b.first);
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
