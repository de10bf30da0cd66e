import { SqlTypes, type SqlValue } from '@velots/core';
import { defineFunction } from './define.js';
import type { EvalContext, ScalarFunction } from './function-def.js';

/** Record-header functions: they read the input record's headers and edit the output record's. */

const utf8 = new TextDecoder();

function headerText(ctx: EvalContext, key: string): string | undefined {
  const edited = ctx.outputHeaders?.get(key);
  if (edited !== undefined || ctx.outputHeaders?.has(key)) return edited;
  const v = ctx.headers?.[key];
  return v === undefined ? undefined : typeof v === 'string' ? v : utf8.decode(v);
}

function keyOf(v: SqlValue | undefined): string {
  return v as string;
}

/** Every header function. They depend on the record, so none is constant-folded. */
export const headerFunctions: readonly ScalarFunction[] = [
  defineFunction({
    name: 'HEADER',
    category: 'header',
    minArgs: 1,
    deterministic: false,
    description: "HEADER(k) → STRING: the record's header k as text (NULL when absent)",
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (ctx, [k]) => headerText(ctx, keyOf(k)) ?? null,
  }),
  defineFunction({
    name: 'HAS_HEADER',
    category: 'header',
    minArgs: 1,
    deterministic: false,
    description: 'HAS_HEADER(k) → BOOLEAN: whether the record has header k',
    args: ['string'],
    result: SqlTypes.BOOLEAN,
    impl: (ctx, [k]) => headerText(ctx, keyOf(k)) !== undefined,
  }),
  defineFunction({
    name: 'HEADER_KEYS',
    category: 'header',
    minArgs: 0,
    deterministic: false,
    description: "HEADER_KEYS() → STRING: the record's header keys joined by commas ('' when none)",
    result: SqlTypes.STRING,
    impl: (ctx) => {
      const keys = Object.keys(ctx.headers ?? {}).filter((k) => ctx.headers?.[k] !== undefined && !(ctx.outputHeaders?.has(k) && ctx.outputHeaders.get(k) === undefined));
      for (const [k, v] of ctx.outputHeaders ?? []) if (v !== undefined && !keys.includes(k)) keys.push(k);
      return keys.join(',');
    },
  }),
  defineFunction({
    name: 'SET_HEADER',
    category: 'header',
    minArgs: 2,
    deterministic: false,
    description: "SET_HEADER(k, v) → STRING: sets the output record's header k to v and returns v",
    args: ['string', 'string'],
    result: SqlTypes.STRING,
    impl: (ctx, [k, v]) => {
      ctx.outputHeaders?.set(keyOf(k), v as string);
      return v ?? null;
    },
  }),
  defineFunction({
    name: 'REMOVE_HEADER',
    category: 'header',
    minArgs: 1,
    deterministic: false,
    description: "REMOVE_HEADER(k) → STRING: removes header k from the output record and returns its former value (NULL when absent)",
    args: ['string'],
    result: SqlTypes.STRING,
    impl: (ctx, [k]) => {
      const before = headerText(ctx, keyOf(k));
      ctx.outputHeaders?.set(keyOf(k), undefined);
      return before ?? null;
    },
  }),
];
