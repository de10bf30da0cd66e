/**
 * Seeded inputs with bad records mixed among good ones, for the failure-strategy suites: every bad record
 * carries what the engine must report for it (the code, the place, the field), every good record the output
 * row the app below must write for it.
 */

/** The columns both formats declare: `id` is NOT NULL, `code` holds digits that the app CASTs at run time. */
export const MIXED_COLUMNS = 'id BIGINT NOT NULL, account STRING, amount DECIMAL(10,2), ts TIMESTAMP, qty BIGINT, code STRING';
/** The app's projection: `CAST(code AS BIGINT)` fails at run time for a record whose code is not a number. */
export const MIXED_SELECT = 'SELECT id, account, amount, qty, CAST(code AS BIGINT) AS code_num FROM src';

/** Where the engine must report an injected bad record. */
export interface InjectedBadRecord {
  readonly kind: string;
  readonly code: 'RECORD_MALFORMED' | 'CAST_FAILED' | 'NUMERIC_OVERFLOW' | 'NULL_NOT_ALLOWED';
  /** 1-based line in the file. */
  readonly line: number;
  /** 0-based record index in the file (the `_offset` of a file record; the header is not a record). */
  readonly record: number;
  readonly field?: string | undefined;
  /** `source`: the reader rejects it (reason `file:line`); `operator`: the query fails on it (reason `src, record N`). */
  readonly stage: 'source' | 'operator';
}

export interface MixedInput {
  readonly bytes: Buffer;
  readonly bad: readonly InjectedBadRecord[];
  /** The app's output for the good records, as JSON lines in input order. */
  readonly expectedOutput: string;
  readonly goodCount: number;
}

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GoodFields {
  id: string;
  account: string;
  amount: string;
  ts: string;
  qty: string;
  code: string;
}

const ACCOUNTS = ['acc-1', 'zürich', 'naïve café', 'acc, with comma', 'квартира', '株式', 'emoji 🚀'];

function goodFields(index: number, random: () => number): GoodFields {
  const cents = Math.floor(random() * 9_999_999_999);
  return {
    id: String(index + 1),
    account: ACCOUNTS[Math.floor(random() * ACCOUNTS.length)] as string,
    amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    ts: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    qty: String(1 + Math.floor(random() * 1000)),
    code: String(Math.floor(random() * 1000)),
  };
}

function outputLine(f: GoodFields): string {
  return `{"id":${f.id},"account":${JSON.stringify(f.account)},"amount":${f.amount},"qty":${f.qty},"code_num":${f.code}}`;
}

/** One kind of bad record: how to spoil a good record's text, and what the engine must report. */
interface Spoiler {
  readonly kind: string;
  readonly code: InjectedBadRecord['code'];
  readonly field?: string;
  readonly stage?: 'operator';
  spoil(fields: GoodFields, random: () => number): Buffer;
}

const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0xff]);

function jsonText(f: GoodFields, override: Partial<Record<keyof GoodFields, string | undefined>> = {}): string {
  const all: Record<string, string | undefined> = {
    id: f.id,
    account: JSON.stringify(f.account),
    amount: f.amount,
    ts: JSON.stringify(f.ts),
    qty: f.qty,
    code: JSON.stringify(f.code),
    ...override,
  };
  return `{${Object.entries(all).filter(([, v]) => v !== undefined).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
}

const JSON_SPOILERS: readonly Spoiler[] = [
  { kind: 'truncated JSON', code: 'RECORD_MALFORMED', spoil: (f, r) => { const t = jsonText(f); return Buffer.from(t.slice(0, 1 + Math.floor(r() * (t.length - 2)))); } },
  { kind: 'not an object', code: 'RECORD_MALFORMED', spoil: (f) => Buffer.from(`[${f.id},${f.qty}]`) },
  { kind: 'wrong type', code: 'CAST_FAILED', field: 'qty', spoil: (f) => Buffer.from(jsonText(f, { qty: '"many"' })) },
  { kind: 'missing required field', code: 'NULL_NOT_ALLOWED', field: 'id', spoil: (f) => Buffer.from(jsonText(f, { id: undefined })) },
  { kind: 'bad decimal', code: 'CAST_FAILED', field: 'amount', spoil: (f) => Buffer.from(jsonText(f, { amount: '"12.x4"' })) },
  { kind: 'decimal overflow', code: 'NUMERIC_OVERFLOW', field: 'amount', spoil: (f) => Buffer.from(jsonText(f, { amount: '1234567890.5' })) },
  { kind: 'bad timestamp', code: 'CAST_FAILED', field: 'ts', spoil: (f) => Buffer.from(jsonText(f, { ts: '"2026-13-45T99:00:00Z"' })) },
  { kind: 'integer overflow', code: 'NUMERIC_OVERFLOW', field: 'qty', spoil: (f) => Buffer.from(jsonText(f, { qty: '99999999999999999999999' })) },
  {
    kind: 'invalid UTF-8',
    code: 'RECORD_MALFORMED',
    spoil: (f) => {
      const [head, tail] = jsonText(f, { account: '"@"' }).split('@') as [string, string];
      return Buffer.concat([Buffer.from(head), INVALID_UTF8, Buffer.from(tail)]);
    },
  },
  { kind: 'CAST failure at run time', code: 'CAST_FAILED', stage: 'operator', spoil: (f) => Buffer.from(jsonText(f, { code: '"x7"' })) },
];

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvText(f: GoodFields, override: Partial<Record<keyof GoodFields, string>> = {}): string {
  const all = { ...f, account: csvField(f.account), ...override };
  return [all.id, all.account, all.amount, all.ts, all.qty, all.code].join(',');
}

const CSV_SPOILERS: readonly Spoiler[] = [
  { kind: 'extra field', code: 'RECORD_MALFORMED', spoil: (f) => Buffer.from(`${csvText(f)},extra`) },
  { kind: 'missing field', code: 'RECORD_MALFORMED', spoil: (f) => Buffer.from(csvText(f).replace(/,[^,]*$/, '')) },
  { kind: 'bad quoting', code: 'RECORD_MALFORMED', spoil: (f) => Buffer.from(csvText(f, { account: '"acc"x' })) },
  { kind: 'wrong type', code: 'CAST_FAILED', field: 'qty', spoil: (f) => Buffer.from(csvText(f, { qty: 'many' })) },
  { kind: 'missing required field', code: 'NULL_NOT_ALLOWED', field: 'id', spoil: (f) => Buffer.from(csvText(f, { id: '' })) },
  { kind: 'bad decimal', code: 'CAST_FAILED', field: 'amount', spoil: (f) => Buffer.from(csvText(f, { amount: '12.x4' })) },
  { kind: 'decimal overflow', code: 'NUMERIC_OVERFLOW', field: 'amount', spoil: (f) => Buffer.from(csvText(f, { amount: '1234567890.5' })) },
  { kind: 'bad timestamp', code: 'CAST_FAILED', field: 'ts', spoil: (f) => Buffer.from(csvText(f, { ts: '2026-13-45T99:00:00' })) },
  { kind: 'integer overflow', code: 'NUMERIC_OVERFLOW', field: 'qty', spoil: (f) => Buffer.from(csvText(f, { qty: '-99999999999999999999999' })) },
  {
    kind: 'invalid UTF-8',
    code: 'RECORD_MALFORMED',
    spoil: (f) => {
      const [head, tail] = csvText(f, { account: '@' }).split('@') as [string, string];
      return Buffer.concat([Buffer.from(head), INVALID_UTF8, Buffer.from(tail)]);
    },
  },
  { kind: 'CAST failure at run time', code: 'CAST_FAILED', stage: 'operator', spoil: (f) => Buffer.from(csvText(f, { code: 'x7' })) },
];

/**
 * `goodCount` good records with `badCount` bad ones at seeded random places (every kind at least once when
 * `badCount` allows), as a JSON-lines or CSV (with header) file.
 */
export function mixedInput(format: 'jsonlines' | 'csv', seed: number, goodCount: number, badCount: number): MixedInput {
  const random = seededRandom(seed);
  const spoilers = format === 'csv' ? CSV_SPOILERS : JSON_SPOILERS;
  const total = goodCount + badCount;
  const badAt = new Set<number>();
  while (badAt.size < badCount) badAt.add(Math.floor(random() * total));
  const lines: Buffer[] = format === 'csv' ? [Buffer.from('id,account,amount,ts,qty,code')] : [];
  const firstLine = lines.length + 1;
  const bad: InjectedBadRecord[] = [];
  const output: string[] = [];
  let badSeen = 0;
  for (let record = 0; record < total; record++) {
    const fields = goodFields(record, random);
    if (!badAt.has(record)) {
      lines.push(Buffer.from(format === 'csv' ? csvText(fields) : jsonText(fields)));
      output.push(outputLine(fields));
      continue;
    }
    // Every kind once first (in seeded order), then seeded picks.
    const spoiler = (badSeen < spoilers.length ? spoilers[badSeen] : spoilers[Math.floor(random() * spoilers.length)]) as Spoiler;
    badSeen++;
    lines.push(spoiler.spoil(fields, random));
    bad.push({ kind: spoiler.kind, code: spoiler.code, line: firstLine + record, record, field: spoiler.field, stage: spoiler.stage ?? 'source' });
  }
  const newline = Buffer.from('\n');
  return {
    bytes: Buffer.concat(lines.flatMap((l) => [l, newline])),
    bad,
    expectedOutput: output.map((l) => `${l}\n`).join(''),
    goodCount,
  };
}

/** Injected bad records counted by error code. */
export function countsByCode(bad: readonly InjectedBadRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of bad) counts[record.code] = (counts[record.code] ?? 0) + 1;
  return counts;
}
