import type { RecordHeaders, TraceContext } from '@velots/core';

/** A parsed W3C `traceparent`: version 00, 32 hex trace id, 16 hex span id, flags. */
export interface TraceParent {
  readonly traceId: string;
  readonly spanId: string;
  /** Bit 0: sampled. */
  readonly flags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;

/** Parses a `traceparent` value; undefined when it is not a valid W3C trace context (all-zero ids, version ff). */
export function parseTraceparent(text: string): TraceParent | undefined {
  const match = TRACEPARENT.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(spanId)) return undefined;
  return { traceId, spanId, flags: Number.parseInt(flags, 16) };
}

/** The `traceparent` text of a trace and span id. */
export function formatTraceparent(parent: TraceParent): string {
  return `00-${parent.traceId}-${parent.spanId}-${(parent.flags & 0xff).toString(16).padStart(2, '0')}`;
}

function headerText(value: string | Uint8Array | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
}

/** The trace context of a record's headers (`traceparent`, `tracestate`), when it carries a valid one. */
export function extractTraceContext(headers: RecordHeaders | undefined): TraceContext | undefined {
  if (!headers) return undefined;
  const traceparent = headerText(headers['traceparent']);
  if (traceparent === undefined || !parseTraceparent(traceparent)) return undefined;
  const tracestate = headerText(headers['tracestate']);
  return tracestate === undefined ? { traceparent } : { traceparent, tracestate };
}

/** Record headers with `context` written in (other headers kept; an undefined context changes nothing). */
export function injectTraceContext(headers: RecordHeaders | undefined, context: TraceContext | undefined): RecordHeaders | undefined {
  if (!context) return headers;
  return { ...(headers ?? {}), traceparent: context.traceparent, ...(context.tracestate !== undefined ? { tracestate: context.tracestate } : {}) };
}
