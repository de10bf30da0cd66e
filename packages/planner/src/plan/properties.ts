import { ErrorCodes, VeloError } from '@velots/core';

/** A WITH property as written: key, raw value, and where it stands (for errors). */
export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

export type PropertyMap = Readonly<Record<string, string>>;

/** Keys that apply to every source when written without a prefix (dialect §3). */
const SOURCE_WIDE_KEYS = new Set([
  'event.time.field',
  'event.time.format',
  'watermark.strategy',
  'watermark.max_out_of_orderness',
  'watermark.idle.timeout',
  'late.data.strategy',
]);

/**
 * Substitutes `${VAR}` and `${VAR:default}` (and `${A|B:default}`: the first variable set wins) in a value.
 * An unset variable without a default is a CONFIG error naming the key.
 */
export function substituteVariables(value: string, env: Readonly<Record<string, string | undefined>>, key: string): string {
  return value.replace(/\$\{([^}:]+)(?::([^}]*))?\}/g, (_match, names: string, fallback: string | undefined) => {
    for (const name of names.split('|')) {
      const found = env[name.trim()];
      if (found !== undefined) return found;
    }
    if (fallback !== undefined) return fallback;
    throw new VeloError(ErrorCodes.CONFIG, `property '${key}': environment variable ${names} is not set and has no default`);
  });
}

/** Resolves variables in every value; later keys win over earlier ones. */
export function resolveProperties(entries: readonly PropertyEntry[], env: Readonly<Record<string, string | undefined>>): PropertyMap {
  const out: Record<string, string> = {};
  for (const entry of entries) out[entry.key] = substituteVariables(entry.value, env, entry.key);
  return out;
}

/**
 * The properties of connector `name`: its `'<name>.<key>'` entries with the prefix stripped, plus
 * the source-wide unprefixed keys when `isSource`. Prefixed keys beat unprefixed ones.
 */
export function connectorProperties(all: PropertyMap, name: string, isSource: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (isSource) {
    for (const key of SOURCE_WIDE_KEYS) {
      const value = all[key];
      if (value !== undefined) out[key] = value;
    }
  }
  const prefix = `${name}.`;
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(prefix) && key.length > prefix.length) out[key.slice(prefix.length)] = value;
  }
  return out;
}

/** The unprefixed keys that configure the statement itself (not a connector). */
export function statementProperties(all: PropertyMap, connectorNames: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  outer: for (const [key, value] of Object.entries(all)) {
    for (const name of connectorNames) if (key.startsWith(`${name}.`)) continue outer;
    out[key] = value;
  }
  return out;
}

const DURATION = /^(\d+)\s*(ns|us|ms|s|m|h|d|w)?$/;
const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses a duration property (`500ms`, `5s`, `1m`, a bare number = seconds) to milliseconds. */
export function parseDurationProperty(value: string, key: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new VeloError(ErrorCodes.CONFIG, `property '${key}': '${value}' is not a duration (like 500ms, 5s, 1m, 2h, 1d)`);
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
}

/** Parses a boolean property (`true`/`false`, any case). */
export function parseBooleanProperty(value: string, key: string): boolean {
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new VeloError(ErrorCodes.CONFIG, `property '${key}': expected 'true' or 'false', got '${value}'`);
}

/** Parses a non-negative integer property. */
export function parseCountProperty(value: string, key: string): number {
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 0) throw new VeloError(ErrorCodes.CONFIG, `property '${key}': expected a whole number, got '${value}'`);
  return n;
}
