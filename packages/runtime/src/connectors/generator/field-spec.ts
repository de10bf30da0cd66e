import { ErrorCodes, Schema, SqlTypes, VeloError, decimalType, field, type SqlType } from '@velots/core';

/** How the generator fills one column. */
export interface GeneratedField {
  readonly name: string;
  readonly type: SqlType;
  /** `random` (default), `sequence` (the record index) or `event_time` (the record's event time). */
  readonly mode: 'random' | 'sequence' | 'event_time';
  /** Inclusive numeric range (for numbers, string lengths, bytes lengths, date offsets). */
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  /** Choices for strings. */
  readonly choices?: readonly string[] | undefined;
}

/**
 * Parses the `fields` property: comma-separated `name:type[(params)][[min..max]]`, e.g.
 * `symbol:string(AAPL|MSFT|GOOG), price:decimal(10,2)[1..500], qty:bigint[1..1000], active:boolean, ts:timestamp`.
 * Types: boolean, integer, bigint, double, decimal(p,s), string (choices in parentheses or a length
 * range), bytes[len], date[min..max days since epoch], timestamp (the event time), interval[ms..ms],
 * sequence (BIGINT record index).
 */
export function parseFieldSpec(spec: string, owner: string): GeneratedField[] {
  const parts = splitTopLevel(spec);
  if (parts.length === 0) throw new VeloError(ErrorCodes.CONFIG, `${owner}: 'fields' names no field`);
  return parts.map((part) => parseOne(part.trim(), owner));
}

function splitTopLevel(spec: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(spec.slice(start, i));
      start = i + 1;
    }
  }
  out.push(spec.slice(start));
  return out.filter((p) => p.trim() !== '');
}

const FIELD = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([A-Za-z_]+)\s*(?:\(([^)]*)\))?\s*(?:\[\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*\])?$/;

function parseOne(part: string, owner: string): GeneratedField {
  const m = FIELD.exec(part);
  const fail = (why: string): never => {
    throw new VeloError(ErrorCodes.CONFIG, `${owner}: field spec '${part}' ${why} (expected name:type[(params)][[min..max]])`);
  };
  if (!m) return fail('is not understood');
  const [, name = '', typeName = '', params, minText, maxText] = m;
  const min = minText === undefined ? undefined : Number(minText);
  const max = maxText === undefined ? undefined : Number(maxText);
  if (min !== undefined && max !== undefined && min > max) fail('has min > max');
  const base = { name, min, max };
  switch (typeName.toLowerCase()) {
    case 'boolean':
    case 'bool':
      return { ...base, type: SqlTypes.BOOLEAN, mode: 'random' };
    case 'integer':
    case 'int':
      return { ...base, type: SqlTypes.INTEGER, mode: 'random' };
    case 'bigint':
    case 'long':
      return { ...base, type: SqlTypes.BIGINT, mode: 'random' };
    case 'sequence':
      return { ...base, type: SqlTypes.BIGINT, mode: 'sequence' };
    case 'double':
    case 'float':
      return { ...base, type: SqlTypes.DOUBLE, mode: 'random' };
    case 'decimal': {
      const [p, s] = (params ?? '18,2').split(',').map((x) => Number(x.trim()));
      if (p === undefined || s === undefined || !Number.isInteger(p) || !Number.isInteger(s)) fail('needs decimal(p,s)');
      return { ...base, type: decimalType(p as number, s as number), mode: 'random' };
    }
    case 'string':
    case 'varchar': {
      const choices = params === undefined ? undefined : params.split('|').map((c) => c.trim());
      return { ...base, type: SqlTypes.STRING, mode: 'random', choices };
    }
    case 'bytes':
      return { ...base, type: SqlTypes.BYTES, mode: 'random' };
    case 'date':
      return { ...base, type: SqlTypes.DATE, mode: 'random' };
    case 'timestamp':
      return { ...base, type: SqlTypes.TIMESTAMP, mode: 'event_time' };
    case 'interval':
      return { ...base, type: SqlTypes.INTERVAL, mode: 'random' };
    default:
      return fail(`has an unknown type '${typeName}'`);
  }
}

/** The demo schema used when no `fields` are given: trades. */
export const DEMO_TRADE_FIELDS: readonly GeneratedField[] = [
  { name: 'symbol', type: SqlTypes.STRING, mode: 'random', choices: ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA'] },
  { name: 'price', type: decimalType(10, 2), mode: 'random', min: 1, max: 500 },
  { name: 'quantity', type: SqlTypes.BIGINT, mode: 'random', min: 1, max: 1000 },
  { name: 'side', type: SqlTypes.STRING, mode: 'random', choices: ['BUY', 'SELL'] },
  { name: 'ts', type: SqlTypes.TIMESTAMP, mode: 'event_time' },
];

/** The schema of generated rows. */
export function generatedSchema(fields: readonly GeneratedField[]): Schema {
  return new Schema(fields.map((f) => field(f.name, f.type)));
}
