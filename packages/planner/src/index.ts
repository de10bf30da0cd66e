export type {
  ArithmeticOp,
  BoundExpr,
  ComparisonOp,
  SystemColumnName,
} from './bind/bound-expr.js';
export { ExpressionBinder } from './bind/expression-binder.js';
export { Scope, systemColumn } from './bind/scope.js';
export { arithmeticTyping } from './bind/coercion.js';
export { mapExpression } from './bind/bound-expr-walk.js';
export type {
  EvalContext,
  FunctionCatalog,
  FunctionCategory,
  ResolvedSignature,
  ScalarFunction,
  ScalarImpl,
} from './functions/function-def.js';
export { allScalarFunctions, createFunctionCatalog, defaultFunctionCatalog } from './functions/catalog.js';
export { invokeScalar, standaloneContext } from './functions/invoke.js';
export { SCALED_INTEGER_TYPE, canCast, castValue, compileCast } from './values/cast.js';
export { valueToJsonText, valueToText } from './values/value-text.js';
export { compareNumericValues, compareValues, hashKey, valuesEqual, type HashKey } from './values/compare.js';
export { commonSupertype, commonSupertypeOf } from './values/supertype.js';
export { compileLike, type LikeOptions } from './values/like.js';
export type { LogicalPlan, PlannedGroupKey, ProjectedColumn, SortKey } from './plan/logical-plan.js';
export type { AggregateCallPlan, EmitMode, WatermarkPlan, WindowPlan } from './plan/window-plan.js';
export type { AnalyticCallPlan, AnalyticWindowPlan, FrameBoundPlan, FramePlan, LogicalAnalytic } from './plan/analytic-plan.js';
export type {
  PhysicalAggregate,
  PhysicalAnalytic,
  PhysicalDistinct,
  PhysicalFilterProject,
  PhysicalLimit,
  PhysicalLookupJoin,
  PhysicalIntervalJoin,
  PhysicalNode,
  PhysicalScan,
  PhysicalSort,
  PhysicalSubqueryLookup,
} from './plan/physical-plan.js';
export type {
  ConnectorBinding,
  FailureStrategy,
  InputBinding,
  JobPlan,
  SourceDeclaration,
  SourceRequest,
  SourceResolver,
  StatementPlan,
} from './plan/job-plan.js';
export { AppPlanner, type AppPlannerOptions } from './plan/app-planner.js';
export { SINGLE_ROW } from './plan/input-resolver.js';
export { explainJob, formatBoundExpr } from './plan/explain.js';
export {
  connectorProperties,
  parseBooleanProperty,
  parseCountProperty,
  parseDurationProperty,
  resolveProperties,
  statementProperties,
  substituteVariables,
  type PropertyMap,
} from './plan/properties.js';
export { connectorForUri } from './plan/uri.js';
export { closestNames, didYouMean } from './errors.js';
export { defaultAggregateCatalog } from './aggregates/catalog.js';
export { inlineHelpers, type InlineAccumulator } from './aggregates/inline-accumulator.js';
export type { Accumulator, AggregateCatalog, AggregateFunction, ResolvedAggregate } from './aggregates/aggregate-def.js';
export { loadConfigFile, type ConfigFile } from './config/index.js';
export { DEFAULT_CHECKPOINT_INTERVAL_MS } from './plan/job-options.js';
