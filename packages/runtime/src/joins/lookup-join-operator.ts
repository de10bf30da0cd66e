import { ErrorCodes, VeloError, createBatch, type Clock, type RecordBatch, type Row, type SqlValue, type StateValue } from '@velots/core';
import type { EvalContext, PhysicalLookupJoin } from '@velots/planner';
import { compileSelection, newEvalContext, newSelectionOutput, type CompiledSelection } from '../compile/filter-project-compiler.js';
import { batchFromSelection } from '../operators/gather-metadata.js';
import type { Operator, RecordFailure } from '../operators/operator.js';
import { firstPositions, joinKeyFunction, joinKeysOf, plainColumns } from './join-keys.js';
import type { LoadedTable } from './table-state.js';


/**
 * Stream–table join (dialect §6): each stream row looks up the table rows whose keys equal its ON
 * equality keys (a hash index built once), keeps those where the rest of ON is TRUE, and emits
 * `[stream…, table…]`. LEFT and FULL keep unmatched stream rows NULL-padded; RIGHT and FULL emit the
 * table rows no stream row matched, NULL-padded, at the end of a bounded input. NULL keys match nothing.
 */
export class LookupJoinOperator implements Operator {
  readonly name = 'LookupJoin';
  readonly finished = false;
  private readonly leftKeys: CompiledSelection | undefined;
  private readonly residual: CompiledSelection | undefined;
  private readonly index = new Map<unknown, Row[]>();
  /** The index when every key selects one table row (a table keyed by the join key): no bucket array to read per lookup. */
  private uniqueIndex: Map<unknown, Row> | undefined;
  private readonly keyOf: (keyRow: Row) => unknown;
  /** The key of a stream record read from the record itself, when ON's stream-side keys are plain columns. */
  private readonly recordKeyOf: ((row: Row) => unknown) | undefined;
  /** The table rows some stream row matched, kept for RIGHT and FULL joins (they emit the others at the end). */
  private readonly matched = new Set<Row>();
  private readonly tracksMatches: boolean;
  private readonly leftWidth: number;
  private readonly rightNulls: Row;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    private readonly node: PhysicalLookupJoin,
    private readonly table: LoadedTable,
    private readonly clock: Clock,
  ) {
    this.leftWidth = node.schema.length - node.tableSchema.length;
    this.keyOf = joinKeyFunction(firstPositions(node.leftKeys.length));
    const plain = node.leftKeys.length > 0 ? plainColumns(node.leftKeys) : undefined;
    this.recordKeyOf = plain === undefined ? undefined : joinKeyFunction(plain);
    this.tracksMatches = node.joinType === 'RIGHT' || node.joinType === 'FULL';
    this.rightNulls = new Array<SqlValue>(node.tableSchema.length).fill(null);
    const keyColumns = (exprs: PhysicalLookupJoin['leftKeys']) => exprs.map((expr, i) => ({ name: `k${i}`, expr }));
    this.leftKeys = node.leftKeys.length > 0 ? compileSelection({ predicate: undefined, columns: keyColumns(node.leftKeys), eventTime: undefined }).run : undefined;
    this.residual = node.residual ? compileSelection({ predicate: node.residual, columns: undefined, eventTime: undefined }).run : undefined;
    if (node.rightKeys.length > 0) this.buildIndex(compileSelection({ predicate: undefined, columns: keyColumns(node.rightKeys), eventTime: undefined }).run);
  }

  private buildIndex(rightKeys: CompiledSelection): void {
    const out = newSelectionOutput();
    rightKeys(createBatch(this.node.tableSchema, this.table.rows as Row[]), this.context, out);
    out.rows.forEach((keys, j) => {
      const key = this.keyOf(keys);
      if (key === undefined) return;
      const row = this.table.rows[out.sourceIndex[j]!]!;
      const bucket = this.index.get(key);
      if (bucket) bucket.push(row);
      else this.index.set(key, [row]);
    });
    const unique = new Map<unknown, Row>();
    for (const [key, bucket] of this.index) {
      if (bucket.length !== 1) return;
      unique.set(key, bucket[0]!);
    }
    this.uniqueIndex = unique;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    this.context.now = this.clock.now();
    // 1. Candidate pairs: each stream row with the table rows its keys select.
    const candidates: Row[] = [];
    const candidateLeft: number[] = [];
    const candidateRight: Row[] = [];
    const unique = this.uniqueIndex;
    const recordKeyOf = this.recordKeyOf;
    const direct = unique !== undefined && recordKeyOf !== undefined;
    if (direct) {
      // The common shape: ON equates plain columns with a table keyed by them. No key row per record.
      const streamRows = batch.rows;
      for (let i = 0; i < streamRows.length; i++) {
        const key = recordKeyOf(streamRows[i]!);
        const right = key === undefined ? undefined : unique.get(key);
        if (right === undefined) continue;
        candidates.push(streamRows[i]!.concat(right));
        candidateLeft.push(i);
        candidateRight.push(right);
      }
    }
    const evaluated = direct ? { indexes: batch.rows.map((_, i) => i), keys: undefined } : joinKeysOf(this.leftKeys, batch, this.context, failures);
    const keys = evaluated.keys;
    for (let j = 0; j < evaluated.indexes.length && !direct; j++) {
      const i = evaluated.indexes[j]!;
      if (unique !== undefined) {
        const key = this.keyOf(keys![j]!);
        const right = key === undefined ? undefined : unique.get(key);
        if (right !== undefined) {
          candidates.push(batch.rows[i]!.concat(right));
          candidateLeft.push(i);
          candidateRight.push(right);
        }
        continue;
      }
      const matches = keys ? this.lookup(keys[j]!) : this.table.rows;
      if (matches === undefined) continue;
      const left = batch.rows[i]!;
      for (let m = 0; m < matches.length; m++) {
        const right = matches[m]!;
        candidates.push(left.concat(right));
        candidateLeft.push(i);
        candidateRight.push(right);
      }
    }
    const keepsUnmatchedLeft = this.node.joinType === 'LEFT' || this.node.joinType === 'FULL';
    if (!this.residual && !keepsUnmatchedLeft && !this.tracksMatches) {
      return batchFromSelection(batch, this.node.schema, candidates, candidateLeft.map((i) => batch.eventTimes[i]!), candidateLeft);
    }
    // 2. The rest of ON, over the joined rows.
    let kept: number[] = candidates.map((_, c) => c);
    if (this.residual && candidates.length > 0) {
      const out = newSelectionOutput();
      const joined = batchFromSelection(batch, this.node.schema, candidates, candidateLeft.map((i) => batch.eventTimes[i]!), candidateLeft);
      this.residual(joined, this.context, out);
      out.failedIndex.forEach((c, j) => failures.push({ batch, index: candidateLeft[c]!, error: out.failedError[j] }));
      kept = out.sourceIndex;
    }
    // 3. Output in stream order, NULL-padding unmatched stream rows for LEFT/FULL.
    const rows: Row[] = [];
    const sourceIndex: number[] = [];
    let k = 0;
    for (const i of evaluated.indexes) {
      let any = false;
      while (k < kept.length && candidateLeft[kept[k]!] === i) {
        const c = kept[k++]!;
        rows.push(candidates[c]!);
        sourceIndex.push(i);
        if (this.tracksMatches) this.matched.add(candidateRight[c]!);
        any = true;
      }
      if (!any && keepsUnmatchedLeft) {
        rows.push(batch.rows[i]!.concat(this.rightNulls));
        sourceIndex.push(i);
      }
    }
    return batchFromSelection(batch, this.node.schema, rows, sourceIndex.map((i) => batch.eventTimes[i]!), sourceIndex);
  }

  finish(): RecordBatch | undefined {
    if (this.node.joinType !== 'RIGHT' && this.node.joinType !== 'FULL') return undefined;
    const leftNulls = new Array<SqlValue>(this.leftWidth).fill(null);
    const rows = this.table.rows.filter((row) => !this.matched.has(row)).map((row) => [...leftNulls, ...row]);
    return rows.length > 0 ? createBatch(this.node.schema, rows) : undefined;
  }

  /**
   * `{ tableRows, matched }`: the table rows a stream row matched so far (what RIGHT and FULL joins emit NULL-padded at
   * the end), as positions in the table, which the job loads again, the same, before a restore.
   */
  snapshot(): StateValue {
    const matched: number[] = [];
    if (this.matched.size > 0) this.table.rows.forEach((row, i) => this.matched.has(row) && matched.push(i));
    return { tableRows: this.table.rows.length, matched: Int32Array.from(matched) };
  }

  restore(state: StateValue): void {
    const saved = state as { tableRows: number; matched: Int32Array };
    if (saved.matched.length > 0 && saved.tableRows !== this.table.rows.length) {
      throw new VeloError(
        ErrorCodes.CHECKPOINT,
        `${this.node.joinType} JOIN of table '${this.node.table}': the checkpoint was taken over ${saved.tableRows} table rows, the table now has ${this.table.rows.length}; the matched rows cannot be restored`,
      );
    }
    this.matched.clear();
    for (const i of saved.matched) this.matched.add(this.table.rows[i]!);
  }

  /** The table rows whose keys equal these (none for a NULL key). */
  private lookup(keys: Row): readonly Row[] | undefined {
    const key = this.keyOf(keys);
    return key === undefined ? undefined : this.index.get(key);
  }
}
