import type { Row, SqlValue, StateValue } from '@velots/core';
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
  /** A group's key values, in key order. */
  keyValues(state: GroupState): Row;
  /**
   * Groups as a checkpoint holds them, one column per field (key values, latest event time, then each
   * aggregate's fields as they are: numbers, bigints, NULL; an accumulator object as its own snapshot).
   */
  save(states: readonly GroupState[]): StateValue;
  /** The groups `save` returned, rebuilt as live group states in the same order. */
  load(saved: StateValue): GroupState[];
  /** The generated source (for debugging and tests). */
  readonly source: string;
}

/** Replaces `$.f`, `$$.f` and `%0` in an inline snippet for call `c` (`$$` first: it contains `$`). */
export function instantiate(snippet: string, c: number, args: readonly string[]): string {
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
  /** Per saved column: the expression reading it from group `s`, and the statement loading value `v` into it. */
  const saves: string[] = [];
  const loads: string[] = [];
  const add: string[] = [];
  const merge: string[] = [];
  const results: string[] = [];
  const constants: unknown[] = [];
  const constant = (value: unknown): string => `c[${constants.push(value) - 1}]`;
  keyPositions.forEach((_p, i) => {
    fields.push(`this.key_${i} = f === undefined ? null : (f[${keyPositions[i]}] ?? null);`);
    saves.push(`s.key_${i}`);
    loads.push(`s.key_${i} = v;`);
  });
  fields.push('this.maxEventTime = -Infinity;');
  saves.push('s.maxEventTime');
  loads.push('s.maxEventTime = v;');
  calls.forEach((call, c) => {
    const argNames = call.args.map((_p, a) => `a${c}_${a}`);
    const body: string[] = call.args.map((p, a) => `const ${argNames[a]} = row[${p}] ?? null;`);
    if (call.inline) {
      for (const [name, init] of Object.entries(call.inline.fields)) {
        fields.push(`this.${name}_${c} = ${init};`);
        const saved = call.inline.saved?.[name];
        saves.push(saved ? instantiate(saved.save, c, [`s.${name}_${c}`]) : `s.${name}_${c}`);
        loads.push(`s.${name}_${c} = ${saved ? instantiate(saved.load, c, ['v']) : 'v'};`);
      }
      body.push(instantiate(call.inline.add, c, argNames));
      merge.push(instantiate(call.inline.merge, c, []));
      results.push(instantiate(call.inline.result, c, []));
    } else {
      const create = constant(call.create);
      const buffer = constant(new Array<SqlValue>(call.args.length).fill(null));
      fields.push(`this.acc_${c} = ${create}();`);
      saves.push(`s.acc_${c}.snapshot()`);
      loads.push(`s.acc_${c}.restore(v);`);
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
    `  keyValues: (s) => [${keys.join(', ')}],`,
    '  save: (list) => {',
    `    const n = list.length; const cols = [${saves.map(() => 'new Array(n)').join(', ')}];`,
    `    for (let i = 0; i < n; i++) { const s = list[i]; ${saves.map((e, j) => `cols[${j}][i] = ${e};`).join(' ')} }`,
    '    return cols;',
    '  },',
    '  load: (cols) => {',
    '    const n = cols[0].length; const out = new Array(n);',
    `    for (let i = 0; i < n; i++) { const s = new CompiledGroupState(undefined); let v; ${loads.map((l, j) => `v = cols[${j}][i]; ${l}`).join(' ')} out[i] = s; }`,
    '    return out;',
    '  },',
    '};',
  ].join('\n');
  // Generated from the plan only: SQL values reach it as constants in `c`, never as code.
  const factory = new Function('k', 'c', source) as (k: typeof inlineHelpers, c: unknown[]) => Omit<CompiledGroupState, 'source'>;
  return { ...factory(inlineHelpers, constants), source };
}
