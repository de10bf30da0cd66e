/** Collects `@metric` blocks (§4) and checks them: name syntax, gauge/histogram fields, buckets, order. */
import type { Expression, MetricAnnotation, MetricType, RawAnnotation, Span } from '../ast.js';
import { joinSpans, list, node } from '../grammar/spans.js';
import { unquoteValue } from './annotation-lines.js';

export interface AnnotationProblem {
  readonly message: string;
  readonly span: Span;
  /** Warnings do not fail the parse. */
  readonly warning?: boolean | undefined;
}

interface MetricDraft {
  name: string;
  span: Span;
  type: MetricType;
  help?: string;
  labels: string[];
  field?: string;
  buckets?: number[];
  condition?: Expression;
  sampleRate?: number;
}

const METRIC_NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;
const METRIC_TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram'];

/** Parses a `@metric_condition` text; returns an error message instead when it is not an expression. */
export type ConditionParser = (text: string) => Expression | string;

/** Builds the metric annotations of one statement from its raw lines. */
export function collectMetrics(raw: readonly RawAnnotation[], parseCondition: ConditionParser, problems: AnnotationProblem[]): MetricAnnotation[] {
  const drafts: MetricDraft[] = [];
  for (const a of raw) {
    if (a.form !== 'at' || !(a.key === 'metric' || a.key.startsWith('metric_'))) continue;
    if (a.key === 'metric') {
      const name = a.value.trim();
      if (!METRIC_NAME.test(name)) problems.push({ message: `invalid metric name '${name}': use letters, digits, '_' and ':' (not starting with a digit)`, span: a.span });
      drafts.push({ name, span: a.span, type: 'counter', labels: [] });
      continue;
    }
    const current = drafts[drafts.length - 1];
    if (current === undefined) {
      problems.push({ message: `@${a.key} must follow a @metric line`, span: a.span });
      continue;
    }
    current.span = joinSpans(current.span, a.span);
    applyMetricLine(current, a, parseCondition, problems);
  }
  return drafts.map((d) => {
    if ((d.type === 'gauge' || d.type === 'histogram') && d.field === undefined) {
      problems.push({ message: `${d.type} metric '${d.name}' needs @metric_field`, span: d.span });
    }
    return node({
      kind: 'MetricAnnotation',
      span: d.span,
      name: d.name,
      type: d.type,
      help: d.help,
      labels: list(d.labels),
      field: d.field,
      buckets: d.buckets && list(d.buckets),
      condition: d.condition,
      sampleRate: d.sampleRate,
    });
  });
}

function applyMetricLine(d: MetricDraft, a: RawAnnotation, parseCondition: ConditionParser, problems: AnnotationProblem[]): void {
  const value = a.value.trim();
  switch (a.key) {
    case 'metric_type': {
      const type = value.toLowerCase() as MetricType;
      if (METRIC_TYPES.includes(type)) d.type = type;
      else problems.push({ message: `@metric_type must be counter, gauge or histogram, got '${value}'`, span: a.span });
      return;
    }
    case 'metric_help':
      d.help = unquoteValue(value);
      return;
    case 'metric_labels':
      d.labels = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
      return;
    case 'metric_field':
      d.field = value;
      return;
    case 'metric_buckets': {
      const buckets = value.replace(/^\[|\]$/g, '').split(',').map((s) => Number(s.trim()));
      const ascending = buckets.every((b, i) => Number.isFinite(b) && b > 0 && (i === 0 || b > (buckets[i - 1] ?? 0)));
      if (buckets.length === 0 || !ascending) problems.push({ message: `@metric_buckets must be positive numbers in strictly ascending order, got '${value}'`, span: a.span });
      else d.buckets = buckets;
      return;
    }
    case 'metric_condition': {
      const parsed = parseCondition(value);
      if (typeof parsed === 'string') problems.push({ message: `invalid @metric_condition: ${parsed}`, span: a.span });
      else d.condition = parsed;
      return;
    }
    case 'metric_sample_rate': {
      const rate = Number(value);
      if (value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) problems.push({ message: `@metric_sample_rate must be between 0 and 1, got '${value}'`, span: a.span });
      else d.sampleRate = rate;
      return;
    }
    default:
      problems.push({ message: `unknown annotation @${a.key} is ignored`, span: a.span, warning: true });
  }
}
