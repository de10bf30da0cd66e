import { ErrorCodes, VeloError, type SqlValue } from '@velots/core';
import { defaultAggregateCatalog, type AnalyticCallPlan, type AnalyticWindowPlan } from '@velots/planner';
import { argumentsOf } from './analytic-features.js';
import type { AnalyticFunction } from './analytic-function.js';
import { FrameAggregateFunction } from './frame-aggregate.js';
import { DEFAULT_FRAME } from './frame-bounds.js';
import { FrameValueFunction, OffsetFunction } from './offset-functions.js';
import {
  CumeDistFunction,
  DenseRankFunction,
  NtileFunction,
  PercentRankFunction,
  RankFunction,
  RowNumberFunction,
} from './ranking-functions.js';
import type { PartitionBuffer } from './partition-buffer.js';
import type { WindowOrder } from './window-order.js';

/** Compiles call `callIndex` of `window` (its arguments start at feature column `argStart`). */
export function createAnalyticFunction(
  window: AnalyticWindowPlan,
  callIndex: number,
  argStart: number,
  order: WindowOrder,
  /** The partition is complete only at the end of a bounded input (no buffer, no expiry): every call waits for it. */
  wholePartition = false,
): AnalyticFunction {
  const fn = createArrivalFunction(window, callIndex, argStart, order);
  return wholePartition ? new AtEndOfInput(fn) : fn;
}

/**
 * A call over a bounded input: evaluated once the whole partition is in, in ORDER BY order, so every
 * analytic function (ranks, LAG, running frames with their peers) gives what a SQL engine gives.
 */
class AtEndOfInput implements AnalyticFunction {
  readonly waits = true;
  readonly completable = false;

  constructor(private readonly inner: AnalyticFunction) {}

  ready(): boolean {
    return false;
  }

  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    return this.inner.evaluate(buffer, index);
  }
}

/** The call as computed on arrival (unbounded inputs, or a ROWS WINDOW BUFFER / EXPIRE window). */
function createArrivalFunction(window: AnalyticWindowPlan, callIndex: number, argStart: number, order: WindowOrder): AnalyticFunction {
  const call = window.calls[callIndex]!;
  const frame = call.frame ?? DEFAULT_FRAME;
  // FIRST_VALUE/LAST_VALUE are also catalog aggregates; as analytics they read the frame's end rows directly.
  switch (call.name) {
    case 'LAG':
      return new OffsetFunction(false, argStart, arity(call, 1, 3));
    case 'LEAD':
      return new OffsetFunction(true, argStart, arity(call, 1, 3));
    case 'ROW_NUMBER':
      arity(call, 0, 0);
      return new RowNumberFunction();
    case 'RANK':
      arity(call, 0, 0);
      return new RankFunction();
    case 'DENSE_RANK':
      arity(call, 0, 0);
      return new DenseRankFunction(callIndex);
    case 'PERCENT_RANK':
      arity(call, 0, 0);
      return new PercentRankFunction();
    case 'CUME_DIST':
      arity(call, 0, 0);
      return new CumeDistFunction();
    case 'NTILE':
      arity(call, 1, 1);
      return new NtileFunction(argStart);
    case 'FIRST_VALUE':
      arity(call, 1, 1);
      return new FrameValueFunction('FIRST', frame, order, argStart);
    case 'LAST_VALUE':
      arity(call, 1, 1);
      return new FrameValueFunction('LAST', frame, order, argStart);
    case 'NTH_VALUE':
      arity(call, 2, 2);
      return new FrameValueFunction('NTH', frame, order, argStart);
  }
  if (!call.aggregate)
    throw new VeloError(ErrorCodes.UNKNOWN_FUNCTION, `${call.name} is not an analytic function (in ${call.text})`);
  const fn = defaultAggregateCatalog.lookup(call.name);
  if (!fn) throw new VeloError(ErrorCodes.UNKNOWN_FUNCTION, `${call.name} is not an aggregate (in ${call.text})`);
  const args = argumentsOf(call);
  const constants = args.map((a) => (a.kind === 'Literal' ? a.value : undefined));
  const create = fn.prepare(
    constants,
    args.map((a) => a.type),
    { distinct: call.distinct },
  );
  return new FrameAggregateFunction(
    frame,
    order,
    argStart,
    args.length,
    create,
    fn.orderSensitive === true,
    callIndex,
    window.bufferRows === undefined,
  );
}

/** The call's argument count, checked against what the function takes (the binder checks first; this names the call if not). */
function arity(call: AnalyticCallPlan, min: number, max: number): number {
  const n = call.args.length;
  if (n < min || n > max) {
    throw new VeloError(
      ErrorCodes.TYPE_MISMATCH,
      `${call.name} takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${n} (in ${call.text})`,
    );
  }
  return n;
}
