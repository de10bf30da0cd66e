import type { RecordBatch, Row } from '@velots/core';
import type { RecordFailure } from '../operators/operator.js';
import type { BoundExpr, EvalContext, ProjectedColumn } from '@velots/planner';
import { codegenRuntime } from './codegen-runtime.js';
import { ExpressionCodegen } from './expression-codegen.js';

/** Where a compiled pass writes: output rows, their event times and the input record each came from. */
export interface SelectionOutput {
  rows: Row[];
  eventTimes: number[];
  sourceIndex: number[];
  /** Input record indexes that threw, with their errors, in order. */
  failedIndex: number[];
  failedError: unknown[];
}

/** A compiled filter-and-project pass over one batch. */
export type CompiledSelection = (batch: RecordBatch, ctx: EvalContext, out: SelectionOutput) => void;

export interface SelectionSpec {
  readonly predicate: BoundExpr | undefined;
  /** Output columns; undefined passes the input row through unchanged. */
  readonly columns: readonly ProjectedColumn[] | undefined;
  readonly eventTime: BoundExpr | undefined;
}

/**
 * Compiles predicate + projection into one JavaScript function (via `new Function`), so a batch is a
 * tight loop of straight-line code: no interpretation, no closure or promise per record. Returns
 * the function and its generated source (for EXPLAIN/debugging).
 */
export function compileSelection(spec: SelectionSpec): { run: CompiledSelection; source: string } {
  const gen = new ExpressionCodegen(codegenRuntime);
  gen.line('const row = rows[i];');
  gen.line('try {');
  if (spec.predicate) {
    const keep = gen.emit(spec.predicate);
    gen.line(`if (${keep} !== true) continue;`);
  }
  let rowCode = 'row';
  if (spec.columns) {
    const values = spec.columns.map((c) => gen.emit(c.expr));
    rowCode = `[${values.join(', ')}]`;
  }
  let timeCode = 'eventTimes[i]';
  if (spec.eventTime) {
    const time = gen.emit(spec.eventTime);
    timeCode = `(${time} === null ? eventTimes[i] : Number(${time}))`;
  }
  gen.line(`outRows.push(${rowCode}); outTimes.push(${timeCode}); outIndex.push(i);`);
  gen.line('} catch (error) { out.failedIndex.push(i); out.failedError.push(error); }');

  const contextUpdate = gen.usesContext
    ? '      ctx.recordTimestamp = timestamps === undefined ? eventTimes[i] : timestamps[i]; ctx.headers = headers === undefined ? undefined : headers[i];\n'
    : '';
  const source = [
    '"use strict";',
    'return function compiledSelection(batch, ctx, out) {',
    '  const rows = batch.rows, n = rows.length, eventTimes = batch.eventTimes, timestamps = batch.timestamps;',
    '  const offsets = batch.offsets, partitions = batch.partitions, keys = batch.keys, headers = batch.headers, topic = batch.topic;',
    '  const outRows = out.rows, outTimes = out.eventTimes, outIndex = out.sourceIndex;',
    `  ${gen.declarations()}`,
    '  for (let i = 0; i < n; i++) {',
    contextUpdate + gen.code(),
    '  }',
    '};',
  ].join('\n');
  // Generated from bound plans only; SQL text reaches it as constants in `k`, never as code.
  const factory = new Function('k', source) as (k: unknown[]) => CompiledSelection;
  return { run: factory(gen.constants), source };
}

/** A fresh evaluation context; an operator sets `now` once per batch. */
export function newEvalContext(): EvalContext {
  return { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined };
}

/** An empty output for one compiled pass. */
export function newSelectionOutput(): SelectionOutput {
  return { rows: [], eventTimes: [], sourceIndex: [], failedIndex: [], failedError: [] };
}

/** Runs a compiled pass over `batch`; records whose expressions threw go to `failures` (as records of `batch`). */
export function runSelection(run: CompiledSelection, batch: RecordBatch, ctx: EvalContext, failures: RecordFailure[]): SelectionOutput {
  const out = newSelectionOutput();
  run(batch, ctx, out);
  for (let j = 0; j < out.failedIndex.length; j++) failures.push({ batch, index: out.failedIndex[j]!, error: out.failedError[j] });
  return out;
}
