import { describe, expect, it } from 'vitest';
import { extractTraceContext, formatTraceparent, injectTraceContext, parseTraceparent } from '../src/index.js';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C trace context in record headers', () => {
  it('parses and formats a traceparent', () => {
    expect(parseTraceparent(VALID)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', flags: 1 });
    expect(formatTraceparent({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', flags: 1 })).toBe(VALID);
  });

  it('rejects malformed, all-zero and version-ff values', () => {
    expect(parseTraceparent('00-xyz-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
  });

  it('extracts from string or byte headers and injects without losing other headers', () => {
    expect(extractTraceContext({ traceparent: Buffer.from(VALID), tracestate: 'k=v' })).toEqual({ traceparent: VALID, tracestate: 'k=v' });
    expect(extractTraceContext({ traceparent: 'garbage' })).toBeUndefined();
    expect(extractTraceContext(undefined)).toBeUndefined();
    expect(injectTraceContext({ 'content-type': 'json' }, { traceparent: VALID })).toEqual({ 'content-type': 'json', traceparent: VALID });
    expect(injectTraceContext({ a: 'b' }, undefined)).toEqual({ a: 'b' });
  });
});
