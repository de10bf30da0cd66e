import type { RecordBatch, SqlValue } from '@velots/core';
import type { PhysicalAggregate } from '@velots/planner';
import { compileSelection, newEvalContext, type CompiledSelection } from '../compile/filter-project-compiler.js';
import { newSelectionOutput } from '../compile/filter-project-compiler.js';
import { groupKeyOf } from '../windows/group-state.js';

/**
 * Assigns each record of a batch to a worker by a hash of its GROUP BY key, evaluated with the aggregate's own
 * key expressions, so equal keys (as the aggregate compares them) always meet in one worker. A record whose key
 * fails to evaluate goes to worker 0, where the aggregate fails it the same way and reports it.
 */
export class KeyPartitioner {
  private readonly keys: CompiledSelection;
  private readonly context = newEvalContext();

  constructor(
    aggregate: PhysicalAggregate,
    private readonly workers: number,
  ) {
    this.keys = compileSelection({ predicate: undefined, columns: aggregate.keys.map((k) => ({ name: k.name, expr: k.expr })), eventTime: undefined }).run;
  }

  /** Per worker, the indexes of the records of `batch` it owns, in arrival order. */
  split(batch: RecordBatch, now: number): number[][] {
    this.context.now = now;
    const out = newSelectionOutput();
    this.keys(batch, this.context, out);
    const owned: number[][] = Array.from({ length: this.workers }, () => []);
    const assigned = new Uint8Array(batch.rows.length);
    for (let j = 0; j < out.rows.length; j++) {
      const index = out.sourceIndex[j]!;
      assigned[index] = 1;
      owned[hashOf(out.rows[j]!) % this.workers]!.push(index);
    }
    if (out.failedIndex.length > 0) {
      for (let i = 0; i < batch.rows.length; i++) if (assigned[i] === 0) owned[0]!.push(i);
      owned[0]!.sort((a, b) => a - b);
    }
    return owned;
  }
}

/** The worker (of `workers`) that owns the group with these key values: the one `KeyPartitioner` sends its records to. */
export function workerOfKey(keyValues: readonly SqlValue[], workers: number): number {
  return hashOf(keyValues) % workers;
}

/** A non-negative 32-bit hash of a key, equal for keys the aggregate groups together. */
function hashOf(keyValues: readonly SqlValue[]): number {
  const only = keyValues.length === 1 ? keyValues[0] : undefined;
  if (typeof only === 'string') return stringHash(only);
  if (typeof only === 'number' && Number.isInteger(only) && Math.abs(only) < 2 ** 31) return mix(only | 0);
  return stringHash(groupKeyOf(keyValues));
}

function stringHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(n: number): number {
  let h = Math.imul(n ^ (n >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}
