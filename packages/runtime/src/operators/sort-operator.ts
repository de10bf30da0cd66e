import type { RecordBatch, Row, StateValue } from '@velots/core';
import { compareValues, type PhysicalSort } from '@velots/planner';
import type { Clock } from '@velots/core';
import { compileSelection, newEvalContext, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import { selectRecords } from './select-records.js';
import type { Operator, RecordFailure } from './operator.js';

interface Buffered {
  readonly batch: RecordBatch;
  readonly index: number;
  readonly keys: Row;
}

/**
 * ORDER BY. Over a bounded input it holds every row and emits them sorted at the end (as a SQL
 * engine would); over an unbounded one it sorts each emitted batch (dialect §10). Stable: equal keys
 * keep arrival order. NULLs sort last unless NULLS FIRST is written.
 */
export class SortOperator implements Operator {
  readonly name = 'Sort';
  readonly finished = false;
  private readonly computeKeys: CompiledSelection;
  private readonly buffered: Buffered[] = [];
  private readonly context = newEvalContext();

  constructor(
    private readonly node: PhysicalSort,
    private readonly bounded: boolean,
    private readonly clock: Clock,
  ) {
    this.computeKeys = compileSelection({
      predicate: undefined,
      columns: node.keys.map((k, i) => ({ name: `k${i}`, expr: k.expr })),
      eventTime: undefined,
    }).run;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    this.context.now = this.clock.now();
    const out = runSelection(this.computeKeys, batch, this.context, failures);
    const entries = out.rows.map((keys, j) => ({ batch, index: out.sourceIndex[j] as number, keys }));
    if (this.bounded) {
      for (const entry of entries) this.buffered.push(entry);
      return selectRecords(batch, []);
    }
    entries.sort((a, b) => this.compare(a, b));
    return selectRecords(batch, entries.map((e) => e.index));
  }

  /** The rows held for the sort at the end of a bounded input (nothing over an unbounded one): `[rows, eventTimes, sort keys]`. */
  snapshot(): StateValue {
    const held = this.buffered;
    return [held.map((e) => e.batch.rows[e.index]!.slice()), Float64Array.from(held, (e) => e.batch.eventTimes[e.index]!), held.map((e) => e.keys.slice())];
  }

  restore(state: StateValue): void {
    const [rows, eventTimes, keys] = state as readonly [readonly Row[], Float64Array, readonly Row[]];
    const batch: RecordBatch = { schema: this.node.schema, rows: rows.slice(), eventTimes: Array.from(eventTimes) };
    this.buffered.length = 0;
    for (let i = 0; i < rows.length; i++) this.buffered.push({ batch, index: i, keys: keys[i]! });
  }

  finish(): RecordBatch | undefined {
    if (this.buffered.length === 0) return undefined;
    const sorted = this.buffered.splice(0, this.buffered.length).sort((a, b) => this.compare(a, b));
    const first = sorted[0] as Buffered;
    return {
      schema: first.batch.schema,
      rows: sorted.map((e) => e.batch.rows[e.index] as Row),
      eventTimes: sorted.map((e) => e.batch.eventTimes[e.index] as number),
    };
  }

  private compare(a: Buffered, b: Buffered): number {
    const keys = this.node.keys;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const x = a.keys[k] ?? null;
      const y = b.keys[k] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const order = compareValues(x, y);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  }
}
