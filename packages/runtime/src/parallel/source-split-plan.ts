import { defaultAggregateCatalog, type ConnectorBinding, type JobPlan, type PhysicalAggregate, type PhysicalNode } from '@velots/planner';
import { singleThreadedReason, tailFrom } from './plan-split.js';

/** How a source is cut into worker shares: byte ranges of one file, or index ranges of a generated stream's records. */
export type ShareKind = 'file-bytes' | 'record-index';

/**
 * A job whose workers read their own shares of the source. `partial`: each worker runs its share through the chain
 * below a keyed GROUP BY and the aggregate (a partial aggregate); the coordinator merges the groups in share order
 * and runs the aggregate's tail. `ordered`: each worker decodes its shares and runs the filters/projections just above
 * the source; the coordinator takes their batches share after share — the one thread's record order, so windows,
 * watermarks, lateness, EMIT CHANGES, ORDER BY and LIMIT see exactly what they see on one thread.
 */
export interface SourceSplitPlan {
  readonly mode: 'partial' | 'ordered';
  /** What every worker runs over its share (its leaf the job's Scan). */
  readonly worker: PhysicalNode;
  /** What the coordinator runs (its leaf a Scan of `worker`'s output). */
  readonly coordinator: PhysicalNode;
  /** `partial`: the aggregate the workers and the coordinator share. */
  readonly aggregate: PhysicalAggregate | undefined;
  readonly connector: ConnectorBinding;
  readonly share: ShareKind;
}

const FILE_TYPES = new Set(['file_source', 'file_source_mmap']);
const RECORD_INDEX_TYPES = new Set(['nexmark', 'nexmark_source']);
const TEXT_FORMATS = new Set(['csv', 'csv_no_header', 'json', 'jsonlines', 'json_lines', 'jsonl']);

type WithInput = Exclude<PhysicalNode, { kind: 'Scan' }>;

/** Whether `job` reads its source in worker shares: the plan, or why not (then the key split or one thread runs it). */
export function sourceSplitOf(job: JobPlan, bounded: boolean, checkpointing: boolean): SourceSplitPlan | string {
  if (checkpointing) return 'checkpoints are kept (a source read in shares has no single position to save)';
  if (!bounded) return 'an unbounded source';
  if (job.branches.length > 0 || job.inputs.slice(1).some((input) => input.role === 'stream')) return 'a UNION or a join of two streams';
  const connector = job.inputs[0]?.connector;
  if (!connector || job.inputs[0]?.origin !== 'external') return 'an in-process input';
  const share = shareKindOf(connector);
  if (share !== 'file-bytes' && share !== 'record-index') return share;
  if (share === 'file-bytes' && readsSystemColumn(job.root)) return 'a file record number or read time (_offset, _timestamp) is read';
  const aggregate = partialAggregateOf(job);
  if (aggregate) return { mode: 'partial', worker: aggregate, coordinator: tailFrom(job.root, aggregate), aggregate, connector, share };
  // Measured (bench/parallel): a Nexmark event costs less to make than to send between threads.
  if (share === 'record-index') return 'generated records cost less to make than to send to another thread';
  // A subquery's rows are known only once the job starts (they are folded into the plan then): its filters stay here.
  const worker = job.subqueries.length > 0 ? scanOf(job.root) : lowestFilters(job.root);
  return { mode: 'ordered', worker, coordinator: cutAt(job.root, worker), aggregate: undefined, connector, share };
}

/** The keyed GROUP BY that workers can aggregate partially (only filters/projections below it, no arrival-order aggregate), if any. */
function partialAggregateOf(job: JobPlan): PhysicalAggregate | undefined {
  if (singleThreadedReason(job.root) !== undefined || job.inputs.length !== 1 || job.subqueries.length > 0) return undefined;
  let aggregate: PhysicalNode = job.root;
  while (aggregate.kind !== 'Aggregate') aggregate = (aggregate as WithInput).input;
  for (let node = aggregate.input; node.kind !== 'Scan'; node = (node as WithInput).input) if (node.kind !== 'FilterProject') return undefined;
  if (aggregate.calls.some((call) => defaultAggregateCatalog.lookup(call.name)?.orderSensitive === true)) return undefined;
  return aggregate;
}

/** The chain of filters/projections right above the Scan (the Scan itself when there is none). */
function lowestFilters(root: PhysicalNode): PhysicalNode {
  const chain: PhysicalNode[] = [];
  for (let node = root; ; node = (node as WithInput).input) {
    chain.push(node);
    if (node.kind === 'Scan') break;
  }
  let lowest = chain.length - 1;
  while (lowest > 0 && chain[lowest - 1]!.kind === 'FilterProject') lowest--;
  return chain[lowest]!;
}

function scanOf(root: PhysicalNode): PhysicalNode {
  let node = root;
  while (node.kind !== 'Scan') node = (node as WithInput).input;
  return node;
}

/** `root` with `cut` replaced by a Scan of its output. */
export function cutAt(root: PhysicalNode, cut: PhysicalNode): PhysicalNode {
  if (root === cut) return { kind: 'Scan', input: 'partition', schema: cut.schema };
  const withInput = root as WithInput;
  return { ...withInput, input: cutAt(withInput.input, cut) } as PhysicalNode;
}

/** How a connector's records are cut into shares, or why they are not. */
function shareKindOf(connector: ConnectorBinding): string {
  const type = connector.type.trim().toLowerCase();
  const props = lowerKeys(connector.properties);
  if (RECORD_INDEX_TYPES.has(type)) return props['events'] === undefined ? 'an unbounded generator' : 'record-index';
  if (!FILE_TYPES.has(type)) return `a ${type} source is not read in shares`;
  if (/[*?[\]{}]/.test(props['path'] ?? '')) return 'a file glob';
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
