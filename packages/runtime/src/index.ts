export { Engine, createEngine, type EngineOptions, type RunSummary } from './engine/engine.js';
export { query, type QueryOptions, type ResultRow } from './engine/query.js';
export type { JobStats } from './engine/job-runner.js';
export type { ProvidedSource } from './engine/connector-factory.js';
export { StreamChannel } from './engine/stream-channel.js';
export { compileSelection, type CompiledSelection, type SelectionOutput, type SelectionSpec } from './compile/filter-project-compiler.js';
export * from './connectors/index.js';
