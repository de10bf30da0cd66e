import { describe, it, expect } from 'vitest';
import { callIn } from './call.js';
import type { EvalContext } from '../../src/functions/function-def.js';

function context(): EvalContext {
  return {
    now: 0,
    recordTimestamp: 0,
    headers: { trace: 'abc', bin: new TextEncoder().encode('bytes'), gone: undefined },
    outputHeaders: new Map(),
  };
}

describe('header functions', () => {
  it('read the input headers as text', () => {
    const ctx = context();
    expect(callIn(ctx, 'HEADER', 'trace')).toBe('abc');
    expect(callIn(ctx, 'HEADER', 'bin')).toBe('bytes');
    expect(callIn(ctx, 'HEADER', 'missing')).toBeNull();
    expect(callIn(ctx, 'HAS_HEADER', 'trace')).toBe(true);
    expect(callIn(ctx, 'HAS_HEADER', 'gone')).toBe(false);
    expect(callIn(ctx, 'HEADER_KEYS')).toBe('trace,bin');
    expect(callIn(ctx, 'HEADER', null)).toBeNull();
  });

  it('edit the output headers', () => {
    const ctx = context();
    expect(callIn(ctx, 'SET_HEADER', 'source', 'velo')).toBe('velo');
    expect(callIn(ctx, 'REMOVE_HEADER', 'trace')).toBe('abc');
    expect(callIn(ctx, 'REMOVE_HEADER', 'nothing')).toBeNull();
    expect([...(ctx.outputHeaders ?? [])]).toEqual([['source', 'velo'], ['trace', undefined], ['nothing', undefined]]);
    expect(callIn(ctx, 'HEADER', 'source')).toBe('velo');
    expect(callIn(ctx, 'HAS_HEADER', 'trace')).toBe(false);
    expect(callIn(ctx, 'HEADER_KEYS')).toBe('bin,source');
  });

  it('work without headers', () => {
    const ctx: EvalContext = { now: 0, recordTimestamp: 0, headers: undefined, outputHeaders: undefined };
    expect(callIn(ctx, 'HEADER', 'x')).toBeNull();
    expect(callIn(ctx, 'HEADER_KEYS')).toBe('');
    expect(callIn(ctx, 'SET_HEADER', 'k', 'v')).toBe('v');
  });
});
