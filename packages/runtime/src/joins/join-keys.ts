import type { RecordBatch, Row } from '@velots/core';
import type { EvalContext } from '@velots/planner';
import { runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import type { RecordFailure } from '../operators/operator.js';

/** The records of `batch` whose key expressions evaluated (in order) with their keys; every record, unkeyed, when ON has no keys. */
export function joinKeysOf(
  compiled: CompiledSelection | undefined,
  batch: RecordBatch,
  ctx: EvalContext,
  failures: RecordFailure[],
): { indexes: readonly number[]; keys: readonly Row[] | undefined } {
  if (!compiled) return { indexes: batch.rows.map((_, i) => i), keys: undefined };
  const out = runSelection(compiled, batch, ctx, failures);
  return { indexes: out.sourceIndex, keys: out.rows };
}
