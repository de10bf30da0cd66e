import { ErrorCodes, VeloError, type Clock, type RecordBatch, type Row } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import type { RecordFailure } from '../operators/operator.js';
import { aggregateRow, groupKeyOf, type GroupState } from './group-state.js';
import { EventTimeWindowOperator } from './event-time-window-operator.js';

interface Session {
  first: number;
  last: number;
  readonly state: GroupState;
}

/**
 * Session windows per group (and partition column): a session spans its first event to its last
 * event + gap, and an event within `gap` of a session joins it; an event that bridges two sessions
 * merges them (accumulators merge exactly). A session closes when the watermark reaches last + gap.
 */
export class SessionWindowAggregateOperator extends EventTimeWindowOperator {
  readonly name = 'SessionWindowAggregate';
  private readonly sessions = new Map<string, Session[]>();
  private readonly gap: number;

  constructor(node: PhysicalAggregate, clock: Clock) {
    super(node, clock);
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
    const closedBefore = this.watermark.watermark;
    const changed = new Set<Session>();
    let maxTime = -Infinity;
    for (let i = 0; i < features.rows.length; i++) {
      const row = features.rows[i]!;
      const time = this.inputs.timeOf(row, features.eventTimes[i]!);
      if (Number.isNaN(time)) {
        failures.push({ batch, index: features.sourceIndex[i]!, error: new VeloError(ErrorCodes.CAST_FAILED, 'the session time column is NULL') });
        continue;
      }
      if (time > maxTime) maxTime = time;
      const keyValues = this.inputs.keyValues(row);
      const key = groupKeyOf(keyValues);
      let list = this.sessions.get(key);
      if (!list) {
        list = [];
        this.sessions.set(key, list);
      }
      const touching = list.filter((s) => time + this.gap >= s.first && time <= s.last + this.gap);
      if (touching.length === 0 && time + this.gap <= closedBefore) {
        this.late.add(batch, features.sourceIndex[i]!);
        continue;
      }
      let session: Session;
      if (touching.length === 0) {
        session = { first: time, last: time, state: this.inputs.newState(keyValues) };
        list.push(session);
      } else {
        session = touching[0]!;
        for (const other of touching.slice(1)) {
          this.inputs.merge(session.state, other.state);
          session.first = Math.min(session.first, other.first);
          session.last = Math.max(session.last, other.last);
          list.splice(list.indexOf(other), 1);
          changed.delete(other);
        }
      }
      this.inputs.add(session.state, row, time);
      session.first = Math.min(session.first, time);
      session.last = Math.max(session.last, time);
      changed.add(session);
    }
    if (maxTime > -Infinity) this.watermark.observe(maxTime, this.clock.now());
    const rows: Row[] = [];
    const eventTimes: number[] = [];
    if (this.node.emit === 'CHANGES') for (const session of changed) this.emit(session, rows, eventTimes);
    this.close(this.watermark.watermark, rows, eventTimes);
    return { schema: this.node.schema, rows, eventTimes };
  }

  private emit(session: Session, rows: Row[], eventTimes: number[]): void {
    rows.push(aggregateRow(session.state, session.first, session.last + this.gap));
    eventTimes.push(session.last + this.gap);
  }

  /** Closes sessions whose end (last event + gap) the watermark reached, earliest end first. */
  protected close(watermark: number, rows: Row[], eventTimes: number[]): void {
    const closing: Session[] = [];
    for (const [key, list] of this.sessions) {
      const open = list.filter((s) => s.last + this.gap > watermark);
      for (const s of list) if (s.last + this.gap <= watermark) closing.push(s);
      if (open.length === 0) this.sessions.delete(key);
      else if (open.length !== list.length) this.sessions.set(key, open);
    }
    closing.sort((a, b) => a.last - b.last || a.first - b.first);
    if (this.node.emit === 'FINAL') for (const session of closing) this.emit(session, rows, eventTimes);
  }
}
