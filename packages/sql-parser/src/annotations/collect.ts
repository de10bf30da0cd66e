/**
 * Builds typed file-level and statement-level annotations (§4) from the raw annotation lines.
 * File-scope keys (`@app`, header lines, `@observability.*`, `@deployment.*`…) always go to the script;
 * job keys written in the file header (before a blank line above the first statement) are defaults.
 */
import type {
  DeploymentAnnotations,
  JobAnnotations,
  JobMode,
  ObservabilityAnnotations,
  PartitioningStrategy,
  RawAnnotation,
  ScriptAnnotations,
  StatementAnnotations,
} from '../ast.js';
import { list, node } from '../grammar/spans.js';
import { collectMetrics, type AnnotationProblem, type ConditionParser } from './metrics.js';
import { unquoteValue } from './annotation-lines.js';

const LOGGED = new Set(['phase', 'sla.latency.p99', 'sla.availability', 'data_retention', 'compliance']);
const JOB_KEYS = new Set(['job_mode', 'batch_size', 'checkpoint_interval', 'num_partitions', 'partitioning_strategy', 'sticky-partition-id', 'partition-count']);
const FILE_HEADER_KEYS = new Set(['sql_application', 'version', 'description', 'author', 'dependencies', 'tag']);

/** True for keys that describe the whole file wherever they are written. */
export function isFileScoped(a: RawAnnotation): boolean {
  if (a.form === 'header') return FILE_HEADER_KEYS.has(a.key);
  if (a.form !== 'at') return false;
  return (
    ['app', 'application', 'version', 'description'].includes(a.key) ||
    LOGGED.has(a.key) ||
    a.key.startsWith('deployment.') ||
    a.key.startsWith('observability.')
  );
}

const STRATEGIES: Readonly<Record<string, PartitioningStrategy>> = {
  sticky: 'sticky', stickypartition: 'sticky', hash: 'hash', alwayshash: 'hash', smart: 'smart', smartrepartition: 'smart',
  roundrobin: 'roundrobin', fanin: 'fanin',
};

function positiveInt(a: RawAnnotation, problems: AnnotationProblem[]): number | undefined {
  const n = Number(a.value.trim());
  if (Number.isInteger(n) && n >= 0 && a.value.trim() !== '') return n;
  problems.push({ message: `@${a.key} takes a whole number, got '${a.value}'`, span: a.span, warning: true });
  return undefined;
}

/** Reads job annotations; returns true when the line was one. */
function applyJob(job: { -readonly [K in keyof JobAnnotations]: JobAnnotations[K] }, a: RawAnnotation, problems: AnnotationProblem[]): boolean {
  const value = a.value.trim().toLowerCase();
  switch (a.key) {
    case 'job_mode':
      if (['simple', 'transactional', 'adaptive'].includes(value)) job.jobMode = value as JobMode;
      else problems.push({ message: `@job_mode must be simple, transactional or adaptive, got '${a.value}'`, span: a.span, warning: true });
      return true;
    case 'batch_size':
      job.batchSize = positiveInt(a, problems);
      return true;
    case 'checkpoint_interval':
      // Checked by the planner (a duration, with a positioned CONFIG error), like the WITH key.
      job.checkpointInterval = unquoteValue(a.value).trim();
      return true;
    case 'num_partitions':
      job.numPartitions = positiveInt(a, problems);
      return true;
    case 'sticky-partition-id':
      job.stickyPartitionId = positiveInt(a, problems);
      return true;
    case 'partition-count':
      job.partitionCount = positiveInt(a, problems);
      return true;
    case 'partitioning_strategy': {
      const strategy = STRATEGIES[value.replace(/[_-]/g, '')];
      if (strategy) job.partitioningStrategy = strategy;
      else problems.push({ message: `@partitioning_strategy must be sticky, hash, smart, roundrobin or fanin, got '${a.value}'`, span: a.span, warning: true });
      return true;
    }
    default:
      return false;
  }
}

function applyObservability(obs: { -readonly [K in keyof ObservabilityAnnotations]: ObservabilityAnnotations[K] }, a: RawAnnotation, problems: AnnotationProblem[]): boolean {
  const flags: Record<string, 'metricsEnabled' | 'tracingEnabled' | 'errorReportingEnabled'> = {
    'observability.metrics.enabled': 'metricsEnabled',
    'observability.tracing.enabled': 'tracingEnabled',
    'observability.error_reporting.enabled': 'errorReportingEnabled',
  };
  const value = a.value.trim().toLowerCase();
  const flag = flags[a.key];
  if (flag) {
    if (value === 'true' || value === 'false') obs[flag] = value === 'true';
    else problems.push({ message: `@${a.key} must be true or false, got '${a.value}'`, span: a.span, warning: true });
    return true;
  }
  if (a.key === 'observability.profiling.enabled') {
    if (value === 'off' || value === 'dev' || value === 'prod') obs.profiling = value;
    else problems.push({ message: `@${a.key} must be off, dev or prod, got '${a.value}'`, span: a.span, warning: true });
    return true;
  }
  return false;
}

function unknown(a: RawAnnotation, problems: AnnotationProblem[]): void {
  problems.push({ message: `unknown annotation @${a.key} is ignored`, span: a.span, warning: true });
}

/** The script's annotations from its file-scope lines and the job lines of the file header. */
export function buildScriptAnnotations(fileLines: readonly RawAnnotation[], headerJobLines: readonly RawAnnotation[], problems: AnnotationProblem[]): ScriptAnnotations {
  let app: string | undefined;
  let version: string | undefined;
  let description: string | undefined;
  let author: string | undefined;
  let headerApp: string | undefined;
  let headerVersion: string | undefined;
  let headerDescription: string | undefined;
  const dependencies: string[] = [];
  const tags: { key: string; value: string }[] = [];
  const logged: Record<string, string> = {};
  const observability: { -readonly [K in keyof ObservabilityAnnotations]: ObservabilityAnnotations[K] } = {};
  const deployment: { -readonly [K in keyof DeploymentAnnotations]: DeploymentAnnotations[K] } = {};
  for (const a of fileLines) {
    const value = unquoteValue(a.value);
    if (a.form === 'header') {
      if (a.key === 'sql_application') headerApp = value;
      else if (a.key === 'version') headerVersion = value;
      else if (a.key === 'description') headerDescription = value;
      else if (a.key === 'author') author = value;
      else if (a.key === 'dependencies') dependencies.push(...value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
      else if (a.key === 'tag') {
        const colon = value.indexOf(':');
        tags.push(colon < 0 ? { key: value, value: '' } : { key: value.slice(0, colon).trim(), value: value.slice(colon + 1).trim() });
      }
      continue;
    }
    if (a.key === 'app' || a.key === 'application') app = value;
    else if (a.key === 'version') version = value;
    else if (a.key === 'description') description = value;
    else if (LOGGED.has(a.key)) logged[a.key] = value;
    else if (a.key === 'deployment.node_id') deployment.nodeId = value;
    else if (a.key === 'deployment.node_name') deployment.nodeName = value;
    else if (a.key === 'deployment.region') deployment.region = value;
    else if (!applyObservability(observability, a, problems)) unknown(a, problems);
  }
  const jobDefaults: { -readonly [K in keyof JobAnnotations]: JobAnnotations[K] } = {};
  for (const a of headerJobLines) applyJob(jobDefaults, a, problems);
  return node({
    app: app ?? headerApp,
    version: version ?? headerVersion,
    description: description ?? headerDescription,
    author,
    dependencies: list(dependencies),
    tags: list(tags.map((t) => node(t))),
    logged: node(logged),
    observability: node(observability),
    deployment: node(deployment),
    jobDefaults: node(jobDefaults),
    raw: list([...fileLines, ...headerJobLines].sort((x, y) => x.span.offset - y.span.offset)),
  });
}

/** A statement's annotations from the lines just above it. */
export function buildStatementAnnotations(lines: readonly RawAnnotation[], parseCondition: ConditionParser, problems: AnnotationProblem[]): StatementAnnotations {
  let name: string | undefined;
  const job: { -readonly [K in keyof JobAnnotations]: JobAnnotations[K] } = {};
  const observability: { -readonly [K in keyof ObservabilityAnnotations]: ObservabilityAnnotations[K] } = {};
  const properties: { key: string; value: string }[] = [];
  for (const a of lines) {
    if (a.form === 'property') {
      const eq = a.value.indexOf('=');
      if (eq < 0) problems.push({ message: `-- Property: takes key=value, got '${a.value}'`, span: a.span, warning: true });
      else properties.push(node({ key: a.value.slice(0, eq).trim(), value: a.value.slice(eq + 1).trim() }));
      continue;
    }
    if (a.key === 'name') {
      name = unquoteValue(a.value);
      continue;
    }
    if (a.form !== 'at' || a.key === 'metric' || a.key.startsWith('metric_')) continue;
    if (JOB_KEYS.has(a.key)) applyJob(job, a, problems);
    else if (!applyObservability(observability, a, problems)) unknown(a, problems);
  }
  const metrics = collectMetrics(lines, parseCondition, problems);
  return node({ name, ...job, observability: node(observability), metrics: list(metrics), properties: list(properties), raw: list(lines) });
}
