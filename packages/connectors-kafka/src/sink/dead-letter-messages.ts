import type { BadRecord } from '@velots/core';
import type { IHeaders, Message } from 'kafkajs';

/** Header names a dead-lettered message carries, beside the original message's own headers. */
export const DEAD_LETTER_HEADERS = {
  code: 'velo.error.code',
  message: 'velo.error.message',
  topic: 'velo.source.topic',
  partition: 'velo.source.partition',
  offset: 'velo.source.offset',
  field: 'velo.error.field',
} as const;

/**
 * A bad record as a dead-letter message: the original key and value bytes untouched, the original headers,
 * and the reason and origin in `velo.*` headers, so a consumer can fix and replay it.
 */
export function deadLetterMessage(record: BadRecord): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    if (value !== undefined) headers[name] = typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  const { location, error } = record;
  headers[DEAD_LETTER_HEADERS.code] = error.code;
  headers[DEAD_LETTER_HEADERS.message] = error.message;
  if (location.topic !== undefined || location.source !== undefined) headers[DEAD_LETTER_HEADERS.topic] = location.topic ?? location.source ?? '';
  if (location.partition !== undefined) headers[DEAD_LETTER_HEADERS.partition] = String(location.partition);
  if (location.offset !== undefined) headers[DEAD_LETTER_HEADERS.offset] = String(location.offset);
  if (location.field !== undefined) headers[DEAD_LETTER_HEADERS.field] = location.field;
  const raw = record.raw;
  const key = record.key ?? null;
  return {
    key: key === null ? null : typeof key === 'string' ? key : Buffer.from(key.buffer, key.byteOffset, key.byteLength),
    value: typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength),
    headers,
  };
}
