export { Engine, createEngine, type EngineOptions, type RunSummary } from './engine/engine.js';
export { query, type QueryOptions, type ResultRow } from './engine/query.js';
export type { JobRunner, JobStats, StreamConsumer } from './engine/job-runner.js';
export type { BadRecordCounts } from './engine/bad-record-handler.js';
export type { JobProfile, OperatorProfile, PartitionProfile } from './engine/job-profile.js';
export { PATH_OUTSIDE_ROOT, type ProvidedSource } from './engine/connector-factory.js';
export { StreamChannel } from './engine/stream-channel.js';
export { compileSelection, newEvalContext, type CompiledSelection, type SelectionOutput, type SelectionSpec } from './compile/filter-project-compiler.js';
export * from './connectors/index.js';
