import type { BatchColumns, SqlType, SqlValue } from '@velots/core';
import { inlineHelpers, type InlineAccumulator } from '@velots/planner';
import { scaledColumnScale, valueAt } from '../columnar/column-batch-builder.js';
import type { GroupState } from './group-state.js';
import { singleGroupKey } from './group-key.js';
import { instantiate } from './group-state-compiler.js';

/** One aggregate call as the columnar update reads it: its argument column (if any) and inline accumulator. */
export interface ColumnarCall {
  /** Input column of the one argument, or -1 (COUNT(*)). */
  readonly column: number;
  readonly type: SqlType | undefined;
  readonly inline: InlineAccumulator;
}

/**
 * Updates the groups with every record of a columnar batch: finds each record's group by its key value (no key
 * string, no row) and runs the calls' inline updates on the column values — unscaled numbers straight from the
 * vectors (`addScaled`), anything else (NULL, a bigint, a decimal at another scale) through the row update `add`,
 * so a group's fields end exactly as the row path leaves them. Returns false (nothing done) when the batch's
 * vectors are not the shapes it was compiled for.
 */
export type ColumnarGroupUpdate = (
  groups: Map<unknown, GroupState>,
  columns: BatchColumns,
  /** The batch's event times, asked for only when the records do not share one. */
  eventTimes: () => readonly number[],
  changed: Set<GroupState> | null,
  create: (features: SqlValue[]) => GroupState,
  byId: GroupsById,
) => boolean;

/**
 * The groups of a STRING key column's dictionary ids (see ValueColumn.ids), so a record whose key has an id finds
 * its group by an array index instead of a Map lookup. Reset with {@link resetGroupsById} whenever `groups` is
 * replaced (a restore); a new dictionary resets it too.
 */
export interface GroupsById {
  dictionary: readonly string[] | undefined;
  states: (GroupState | undefined)[];
}

/** An empty id cache. */
export function resetGroupsById(cache: GroupsById): void {
  cache.dictionary = undefined;
  cache.states = [];
}

/**
 * Compiles the per-batch loop for a GROUP BY of at most one plain key column whose calls are all inline with at
 * most one plain argument column, as straight-line code; undefined for any other plan (it keeps the row path).
 */
export function compileColumnarGroupUpdate(
  key: { readonly column: number; readonly type: SqlType } | undefined,
  calls: readonly ColumnarCall[],
): ColumnarGroupUpdate | undefined {
  const prelude: string[] = [
    'const vectors = columns.vectors, n = columns.length;',
    // Records sharing one event time need no per-record array (see BatchColumns.eventTime).
    'const eventTime = columns.eventTime, shared = eventTime !== undefined, eventTimes = shared ? null : batchEventTimes();',
  ];
  const checks: string[] = [];
  const body: string[] = [];
  const expectKind = (name: string, type: SqlType): void => {
    const scale = scaledColumnScale(type);
    checks.push(scale === undefined ? `${name}.kind !== 'values'` : `${name}.kind !== 'scaled' || ${name}.scale !== ${scale}`);
  };
  if (key === undefined) body.push('const keyValue = null, key = null;');
  else {
    prelude.push(`const kv = vectors[${key.column}];`);
    expectKind('kv', key.type);
    const scale = scaledColumnScale(key.type);
    if (key.type.kind === 'STRING') {
      prelude.push(
        'const ids = kv.ids, dictionary = kv.dictionary;',
        'let states = null;',
        'if (ids !== undefined && dictionary !== undefined) { if (byId.dictionary !== dictionary) { byId.dictionary = dictionary; byId.states = []; } states = byId.states; }',
      );
      body.push('const id = states === null ? -1 : ids[i];', 'let s = id >= 0 ? states[id] : undefined;', 'if (s === undefined) {');
      body.push('const keyValue = kv.values[i] ?? null, key = keyValue;');
      body.push('s = groups.get(key);', `if (s === undefined) { scratch[${key.column}] = keyValue; s = create(scratch); groups.set(key, s); }`, 'if (id >= 0) states[id] = s;', '}');
    }
    else if (scale === 0) {
      body.push(
        'const kt = kv.tags[i], keyValue = kt === 0 ? kv.unscaled[i] : kt === 1 ? null : kv.others[i];',
        'const key = kt === 0 ? keyValue : single(keyValue);',
      );
    } else body.push(`const keyValue = valueAt(kv, i, keyType), key = single(keyValue);`);
  }
  if (key?.type.kind !== 'STRING') {
    body.push('let s = groups.get(key);', `if (s === undefined) { scratch[${key?.column ?? 0}] = keyValue; s = create(scratch); groups.set(key, s); }`);
  }
  for (let c = 0; c < calls.length; c++) {
    const call = calls[c]!;
    const arg = `a${c}_0`;
    const add = instantiate(call.inline.add, c, [arg]);
    if (call.column === -1) {
      body.push(`{ ${add} }`);
      continue;
    }
    const type = call.type!;
    const vector = `v${c}`;
    prelude.push(`const ${vector} = vectors[${call.column}];`);
    expectKind(vector, type);
    if (scaledColumnScale(type) === undefined) {
      body.push(`{ const ${arg} = ${vector}.values[i] ?? null; ${add} }`);
      continue;
    }
    if (call.inline.addScaled === undefined) return undefined;
    prelude.push(`const u${c} = ${vector}.unscaled, g${c} = ${vector}.tags, o${c} = ${vector}.others;`);
    body.push(
      `{ const g = g${c}[i]; if (g === 0) { const ${arg} = u${c}[i]; ${instantiate(call.inline.addScaled, c, [arg])} } ` +
        `else { const ${arg} = g === 1 ? null : o${c}[i]; ${add} } }`,
    );
  }
  body.push('const t = shared ? eventTime : eventTimes[i]; if (t > s.maxEventTime) s.maxEventTime = t;', 'if (changed !== null) changed.add(s);');
  const source = [
    '"use strict";',
    'const scratch = [];',
    'return function updateGroupsFromColumns(groups, columns, batchEventTimes, changed, create, byId) {',
    `  ${prelude.join('\n  ')}`,
    checks.length > 0 ? `  if (${checks.map((c) => `(${c})`).join(' || ')}) return false;` : '',
    '  for (let i = 0; i < n; i++) {',
    `    ${body.join('\n    ')}`,
    '  }',
    '  return true;',
    '};',
  ].join('\n');
  // Generated from the plan only (column indexes, scales, the planner's inline snippets): no SQL value becomes code.
  const factory = new Function('k', 'single', 'valueAt', 'keyType', source) as (
    k: typeof inlineHelpers,
    single: typeof singleGroupKey,
    at: typeof valueAt,
    keyType: SqlType | undefined,
  ) => ColumnarGroupUpdate;
  return factory(inlineHelpers, singleGroupKey, valueAt, key?.type);
}
