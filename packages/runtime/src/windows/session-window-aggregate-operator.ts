import { ErrorCodes, VeloError, type Clock, type RecordBatch, type Row, type StateValue } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import type { RecordFailure } from '../operators/operator.js';
import type { GroupState } from './group-state.js';
import { sourceOf } from './aggregate-inputs.js';
import { EventTimeWindowOperator } from './event-time-window-operator.js';
import { MinHeap } from '../time/min-heap.js';

interface Session {
  first: number;
  last: number;
  readonly key: unknown;
  readonly state: GroupState;
  /** Merged into another session or closed: its heap entries are stale. */
  done: boolean;
}

/** A session's place in the close order: its end (last event + gap) when it was queued. */
interface PendingEnd {
  readonly end: number;
  readonly first: number;
  readonly session: Session;
}

/**
 * Session windows per group (and partition column): a session spans its first event to its last
 * event + gap, and an event within `gap` of a session joins it; an event that bridges two sessions
 * merges them (accumulators merge exactly). A session closes when the watermark reaches last + gap.
 * Lateness and closing are decided per record in arrival order; sessions wait in a min-heap by end, so
 * only the earliest pending end is compared with the watermark after each record.
 */
export class SessionWindowAggregateOperator extends EventTimeWindowOperator {
  readonly name = 'SessionWindowAggregate';
  private readonly sessions = new Map<unknown, Session[]>();
  /** Open sessions by the end they had when queued (an extended session is re-queued when its stale entry surfaces). */
  private readonly ends = new MinHeap<PendingEnd>((a, b) => a.end < b.end || (a.end === b.end && a.first < b.first));
  private readonly gap: number;
  /** Sessions changed since changes were last emitted (EMIT CHANGES), in first-change order. */
  private readonly changed = new Set<Session>();

  constructor(node: PhysicalAggregate, clock: Clock, inputCount = 1) {
    super(node, clock, inputCount);
    if (node.window?.kind !== 'session') throw new VeloError(ErrorCodes.INTERNAL, 'SessionWindowAggregateOperator needs a session window');
    this.gap = node.window.gapMs;
  }

  stateEntries(): number {
    let entries = 0;
    for (const list of this.sessions.values()) entries += list.length;
    return entries;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    const features = this.inputs.evaluate(batch, failures);
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    const now = this.clock.now();
    const partitions = batch.partitions;
    const gap = this.gap;
    let watermark = this.watermark.watermark;
    for (let i = 0; i < features.rows.length; i++) {
      const row = features.rows[i]!;
      const time = this.inputs.timeOf(row, features.eventTimes[i]!);
      if (Number.isNaN(time)) {
        failures.push({ batch, index: sourceOf(features, i), error: new VeloError(ErrorCodes.CAST_FAILED, 'the session time column is NULL') });
        continue;
      }
      const key = this.inputs.keyOf(row);
      const list = this.sessions.get(key);
      const touching = list === undefined ? [] : list.filter((s) => time + gap >= s.first && time <= s.last + gap);
      if (touching.length === 0 && time + gap <= watermark) {
        this.late.add(batch, sourceOf(features, i));
        continue;
      }
      let session: Session;
      if (touching.length === 0) {
        session = { first: time, last: time, key, state: this.inputs.newState(row), done: false };
        if (list) list.push(session);
        else this.sessions.set(key, [session]);
        this.ends.push({ end: time + gap, first: time, session });
      } else {
        session = touching[0]!;
        for (let t = 1; t < touching.length; t++) {
          const other = touching[t]!;
          this.inputs.merge(session.state, other.state);
          session.first = Math.min(session.first, other.first);
          session.last = Math.max(session.last, other.last);
          other.done = true;
          this.changed.delete(other);
          list!.splice(list!.indexOf(other), 1);
        }
      }
      this.inputs.add(session.state, row, time);
      session.first = Math.min(session.first, time);
      session.last = Math.max(session.last, time);
      if (this.node.emit === 'CHANGES') this.changed.add(session);
      this.watermark.observe(time, now, partitions === undefined ? 0 : partitions[sourceOf(features, i)]);
      watermark = this.watermark.watermark;
      const next = this.ends.peek();
      if (next !== undefined && next.end <= watermark) this.close(watermark, rows, eventTimes);
    }
    return { schema: this.node.schema, rows, eventTimes };
  }

  protected drainChanges(rows: Row[], eventTimes: number[]): void {
    for (const session of this.changed) this.emit(session, rows, eventTimes);
    this.changed.clear();
  }

  /**
   * `{ groups, firsts, lasts, ends, changed }`: every open session (per key in list order, keys in map order) as its
   * group's compact fields and its first and last event; the heap of pending ends in heap order as parallel columns
   * (end, first, session position or −1 for a stale entry of a merged or closed session); the changed sessions
   * (EMIT CHANGES) in first-change order.
   */
  protected saveWindows(): StateValue {
    const open: Session[] = [];
    for (const list of this.sessions.values()) for (const session of list) open.push(session);
    const position = new Map(open.map((session, i) => [session, i]));
    const heap = this.ends.itemsInHeapOrder();
    return {
      groups: this.inputs.save(open.map((session) => session.state)),
      firsts: Float64Array.from(open, (session) => session.first),
      lasts: Float64Array.from(open, (session) => session.last),
      ends: [Float64Array.from(heap, (e) => e.end), Float64Array.from(heap, (e) => e.first), Int32Array.from(heap, (e) => position.get(e.session) ?? -1)],
      changed: Int32Array.from(this.changed, (session) => position.get(session)!),
    };
  }

  protected loadWindows(saved: StateValue): void {
    const state = saved as { groups: StateValue; firsts: Float64Array; lasts: Float64Array; ends: readonly [Float64Array, Float64Array, Int32Array]; changed: Int32Array };
    const open = this.inputs.load(state.groups).map((group, i): Session => ({
      first: state.firsts[i]!,
      last: state.lasts[i]!,
      key: this.inputs.keyOfState(group),
      state: group,
      done: false,
    }));
    for (const session of open) {
      const list = this.sessions.get(session.key);
      if (list) list.push(session);
      else this.sessions.set(session.key, [session]);
    }
    // A stale entry only has to be skipped when it surfaces: one closed placeholder serves them all.
    const stale: Session = { first: 0, last: 0, key: null, state: this.inputs.newState(undefined), done: true };
    const [ends, firsts, sessions] = state.ends;
    const heap: PendingEnd[] = [];
    for (let i = 0; i < ends.length; i++) heap.push({ end: ends[i]!, first: firsts[i]!, session: sessions[i]! === -1 ? stale : open[sessions[i]!]! });
    this.ends.restoreItems(heap);
    for (const i of state.changed) this.changed.add(open[i]!);
  }

  private emit(session: Session, rows: Row[], eventTimes: number[]): void {
    rows.push(this.inputs.rowOf(session.state, session.first, session.last + this.gap));
    eventTimes.push(session.last + this.gap);
  }

  /** Closes sessions whose end (last event + gap) the watermark reached, earliest end first. */
  protected close(watermark: number, rows: Row[], eventTimes: number[]): void {
    for (let next = this.ends.peek(); next !== undefined && next.end <= watermark; next = this.ends.peek()) {
      this.ends.pop();
      const session = next.session;
      if (session.done) continue;
      const end = session.last + this.gap;
      // Extended or merged since it was queued: it waits again under its current end.
      if (end !== next.end || session.first !== next.first) {
        this.ends.push({ end, first: session.first, session });
        continue;
      }
      session.done = true;
      const list = this.sessions.get(session.key)!;
      if (list.length === 1) this.sessions.delete(session.key);
      else list.splice(list.indexOf(session), 1);
      // EMIT CHANGES: a closing session's pending change leaves now, so no closed session is kept for it.
      if (this.node.emit === 'FINAL' || this.changed.delete(session)) this.emit(session, rows, eventTimes);
    }
  }
}
