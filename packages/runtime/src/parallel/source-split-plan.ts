import { defaultAggregateCatalog, type ConnectorBinding, type JobPlan, type PhysicalAggregate, type PhysicalNode } from '@velots/planner';
import { singleThreadedReason, tailFrom } from './plan-split.js';

/** How a source is cut into worker shares: byte ranges of one file, or index ranges of a generated stream's records. */
export type ShareKind = 'file-bytes' | 'record-index';

/**
 * A job whose workers read their own shares of the source: each worker runs the source's share, the chain below the
 * GROUP BY and the aggregate (a partial aggregate over its share); the coordinator merges the partial states in
 * share order and runs `tail` (the aggregate and what lies above it) over the merged groups.
 */
export interface SourceSplitPlan {
  /** The aggregate with its input chain down to the Scan: what every worker runs over its share. */
  readonly partial: PhysicalAggregate;
  /** The aggregate (its input a Scan placeholder) and the projections/HAVING above it: what the coordinator runs. */
  readonly tail: PhysicalNode;
  readonly connector: ConnectorBinding;
  readonly share: ShareKind;
}

const FILE_TYPES = new Set(['file_source', 'file_source_mmap']);
const RECORD_INDEX_TYPES = new Set(['nexmark', 'nexmark_source']);
const TEXT_FORMATS = new Set(['csv', 'csv_no_header', 'json', 'jsonlines', 'json_lines', 'jsonl']);

/** Whether `job` reads its source in worker shares: the plan, or why not (then the key split or one thread runs it). */
export function sourceSplitOf(job: JobPlan, bounded: boolean, checkpointing: boolean): SourceSplitPlan | string {
  if (checkpointing) return 'checkpoints are kept (a split source has no single position to save)';
  if (!bounded) return 'an unbounded source';
  const reason = singleThreadedReason(job.root);
  if (reason !== undefined) return reason;
  if (job.inputs.length !== 1 || job.branches.length > 0 || job.subqueries.length > 0) return 'a join, UNION or subquery input';
  let aggregate: PhysicalNode = job.root;
  while (aggregate.kind !== 'Aggregate') aggregate = (aggregate as Exclude<PhysicalNode, { kind: 'Scan' }>).input;
  for (let node = aggregate.input; node.kind !== 'Scan'; node = (node as Exclude<PhysicalNode, { kind: 'Scan' }>).input) {
    if (node.kind !== 'FilterProject') return `${node.kind} below the GROUP BY`;
  }
  const ordered = aggregate.calls.find((call) => defaultAggregateCatalog.lookup(call.name)?.orderSensitive === true);
  if (ordered) return `${ordered.name} depends on arrival order`;
  const connector = job.inputs[0]?.connector;
  if (!connector) return 'an in-process input';
  const share = shareKindOf(connector);
  if (share !== 'file-bytes' && share !== 'record-index') return share;
  if (share === 'file-bytes' && readsSystemColumn(aggregate)) return 'a file record number or read time (_offset, _timestamp) is read';
  return { partial: aggregate, tail: tailFrom(job.root, aggregate), connector, share };
}

/** How a connector's records are cut into shares, or why they are not. */
function shareKindOf(connector: ConnectorBinding): string {
  const type = connector.type.trim().toLowerCase();
  const props = lowerKeys(connector.properties);
  if (RECORD_INDEX_TYPES.has(type)) return props['events'] === undefined ? 'an unbounded generator' : 'record-index';
  if (!FILE_TYPES.has(type)) return `a ${type} source is not read in shares`;
  const path = props['path'] ?? '';
  if (/[*?[\]{}]/.test(path)) return 'a file glob';
  if (props['max_records'] !== undefined) return "a source with 'max_records'";
  if ((props['watching'] ?? 'false').toLowerCase() === 'true') return 'a watched file';
  if (!TEXT_FORMATS.has((props['format'] ?? 'csv').toLowerCase())) return 'a format not read in shares';
  return 'file-bytes';
}

function lowerKeys(properties: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) out[key.toLowerCase()] = value;
  return out;
}

/** Whether the plan reads a record's number or read time, which a share's reader does not know as the whole file's would. */
function readsSystemColumn(node: PhysicalNode): boolean {
  let found = false;
  const visit = (value: unknown): void => {
    if (found || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const expr = value as { kind?: unknown; column?: unknown };
    if (expr.kind === 'SystemColumn' && (expr.column === '_offset' || expr.column === '_timestamp')) found = true;
    for (const [field, inner] of Object.entries(value)) if (field !== 'schema') visit(inner);
  };
  visit(node);
  return found;
}
