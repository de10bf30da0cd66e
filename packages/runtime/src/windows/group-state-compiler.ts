import type { Row, SqlValue } from '@velots/core';
import { inlineHelpers, type Accumulator, type InlineAccumulator } from '@velots/planner';
import type { GroupState } from './group-state.js';

/** One aggregate call as the state compiler sees it: where its arguments and FILTER are in a feature row, and its accumulator. */
export interface CallSlots {
  /** Feature-row positions of the arguments. */
  readonly args: readonly number[];
  /** Feature-row position of the FILTER condition, or -1. */
  readonly filter: number;
  /** The inline source, when the aggregate has one for these argument types. */
  readonly inline: InlineAccumulator | undefined;
  /** The object accumulator (used when there is no inline source). */
  readonly create: () => Accumulator;
}

/** A query's compiled group state: one monomorphic class and straight-line functions over it. */
export interface CompiledGroupState {
  /** A new group, its key values read from the feature row (`undefined` for the global group's empty key). */
  create(features: Row | undefined): GroupState;
  /** Adds one feature row (and its time) to a group. */
  add(state: GroupState, features: Row, eventTime: number): void;
  /** Folds `from` into `into` (session merges). */
  merge(into: GroupState, from: GroupState): void;
  /** A new group with `state`'s key holding `state`'s aggregates (merging panes into a window). */
  copy(state: GroupState): GroupState;
  /** The post-aggregation row `[keys…, _window_start, _window_end, results…]`. */
  row(state: GroupState, windowStart: number | null, windowEnd: number | null): Row;
  /** The generated source (for debugging and tests). */
  readonly source: string;
}

/** Replaces `$.f`, `$$.f` and `%0` in an inline snippet for call `c` (`$$` first: it contains `$`). */
function instantiate(snippet: string, c: number, args: readonly string[]): string {
  return snippet
    .replace(/\$\$\.(\w+)/g, (_m, f: string) => `o.${f}_${c}`)
    .replace(/\$\.(\w+)/g, (_m, f: string) => `s.${f}_${c}`)
    .replace(/%(\d)/g, (_m, i: string) => args[Number(i)] ?? 'null');
}

/**
 * Compiles a query's group state: a class whose fields are the key values, the latest event time and every
 * inline accumulator's fields (other aggregates keep one Accumulator object in a field), and add/merge/row
 * functions of straight-line code, so updating a group reads the feature row once and dispatches nowhere.
 */
export function compileGroupState(keyPositions: readonly number[], calls: readonly CallSlots[]): CompiledGroupState {
  const fields: string[] = [];
  const add: string[] = [];
  const merge: string[] = [];
  const results: string[] = [];
  const constants: unknown[] = [];
  const constant = (value: unknown): string => `c[${constants.push(value) - 1}]`;
  keyPositions.forEach((_p, i) => fields.push(`this.key_${i} = f === undefined ? null : (f[${keyPositions[i]}] ?? null);`));
  fields.push('this.maxEventTime = -Infinity;');
  calls.forEach((call, c) => {
    const argNames = call.args.map((_p, a) => `a${c}_${a}`);
    const body: string[] = call.args.map((p, a) => `const ${argNames[a]} = row[${p}] ?? null;`);
    if (call.inline) {
      for (const [name, init] of Object.entries(call.inline.fields)) fields.push(`this.${name}_${c} = ${init};`);
      body.push(instantiate(call.inline.add, c, argNames));
      merge.push(instantiate(call.inline.merge, c, []));
      results.push(instantiate(call.inline.result, c, []));
    } else {
      const create = constant(call.create);
      const buffer = constant(new Array<SqlValue>(call.args.length).fill(null));
      fields.push(`this.acc_${c} = ${create}();`);
      body.push(...argNames.map((name, a) => `${buffer}[${a}] = ${name};`), `s.acc_${c}.add(${buffer});`);
      merge.push(`s.acc_${c}.merge(o.acc_${c});`);
      results.push(`s.acc_${c}.result()`);
    }
    const block = body.join(' ');
    add.push(call.filter === -1 ? `{ ${block} }` : `if (row[${call.filter}] === true) { ${block} }`);
  });
  const keys = keyPositions.map((_p, i) => `s.key_${i}`);
  const source = [
    '"use strict";',
    'class CompiledGroupState {',
    `  constructor(f) { ${fields.join(' ')} }`,
    '}',
    `const merge = (s, o) => { ${merge.join(' ')} if (o.maxEventTime > s.maxEventTime) s.maxEventTime = o.maxEventTime; };`,
    'return {',
    '  create: (f) => new CompiledGroupState(f),',
    `  add: (s, row, t) => { ${add.join('\n    ')}\n    if (t > s.maxEventTime) s.maxEventTime = t; },`,
    '  merge,',
    `  copy: (o) => { const s = new CompiledGroupState(undefined); ${keys.map((k) => `${k} = o${k.slice(1)};`).join(' ')} merge(s, o); return s; },`,
    `  row: (s, ws, we) => [${[...keys, 'ws', 'we', ...results].join(', ')}],`,
    '};',
  ].join('\n');
  // Generated from the plan only: SQL values reach it as constants in `c`, never as code.
  const factory = new Function('k', 'c', source) as (k: typeof inlineHelpers, c: unknown[]) => Omit<CompiledGroupState, 'source'>;
  return { ...factory(inlineHelpers, constants), source };
}
