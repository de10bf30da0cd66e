import type { Clock, RecordBatch, Schema } from '@velots/core';
import type { EvalContext, PhysicalFilterProject } from '@velots/planner';
import { compileSelection, newEvalContext, runSelection, type CompiledSelection } from '../compile/filter-project-compiler.js';
import { batchFromSelection } from './gather-metadata.js';
import type { Operator, RecordFailure } from './operator.js';

/** WHERE + SELECT list of a stateless query, compiled once into one pass per batch. */
export class FilterProjectOperator implements Operator {
  readonly name = 'FilterProject';
  readonly finished = false;
  private readonly run: CompiledSelection;
  private readonly schema: Schema;
  readonly source: string;
  private readonly context: EvalContext = newEvalContext();

  constructor(
    node: PhysicalFilterProject,
    private readonly clock: Clock,
  ) {
    const compiled = compileSelection(node);
    this.run = compiled.run;
    this.source = compiled.source;
    this.schema = node.schema;
  }

  process(batch: RecordBatch, failures: RecordFailure[]): RecordBatch {
    this.context.now = this.clock.now();
    const out = runSelection(this.run, batch, this.context, failures);
    return batchFromSelection(batch, this.schema, out.rows, out.eventTimes, out.sourceIndex);
  }
}
