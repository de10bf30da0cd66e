import { ErrorCodes, VeloError, compileStrftime, formatIsoDate, formatIsoTimestamp, type Row, type Schema, type SqlType } from '@velots/core';

/** A piece of a sink path: literal text (strftime specifiers applied to the record's event time) or a column. */
type TemplatePart = { readonly text: string } | { readonly column: string };

/** The file of one record: its row and its event time (epoch ms). */
export type RecordPath = (row: Row, eventTime: number) => string;

/** A compiled template: a record's file, and a cheap test that two records surely share one (equal inputs). */
export interface CompiledPathTemplate {
  readonly pathOf: RecordPath;
  /** True when both records have the same values in every placeholder column (and the same event time, when the path formats it). */
  readonly sameInputs: (a: Row, aTime: number, b: Row, bTime: number) => boolean;
}

/**
 * A file sink `path` naming one file per partition: `{column}` takes the row's value of an output column, strftime
 * specifiers (`%Y`, `%m`, `%d`, `%H`, `%M`, `%S`, …, as in Velostream's file sink paths) format the record's event
 * time in UTC. `out/dt={dt}/hm={hm}/part.jsonl`, `out/%Y-%m-%d/%H.csv`. Column values are written as text (ISO
 * for dates and timestamps, `null` for NULL) with `/`, `\`, `%` and control characters percent-encoded and `.`/`..`
 * spelled `%2E`/`%2E%2E`, so a value can never leave the sink's folder.
 */
export class PathTemplate {
  private constructor(
    readonly text: string,
    private readonly parts: readonly TemplatePart[],
  ) {}

  /** The template of `path`, or undefined when it names one fixed file (no `{column}` and no `%`). */
  static of(path: string): PathTemplate | undefined {
    if (!path.includes('{') && !path.includes('%')) return undefined;
    const parts: TemplatePart[] = [];
    const placeholder = /\{([^{}]*)\}/g;
    let at = 0;
    for (let m = placeholder.exec(path); m; m = placeholder.exec(path)) {
      if (m.index > at) parts.push({ text: path.slice(at, m.index) });
      const column = (m[1] ?? '').trim();
      if (column === '') throw new VeloError(ErrorCodes.CONFIG, `file sink path '${path}': '{}' names no column`);
      parts.push({ column });
      at = m.index + m[0].length;
    }
    if (at < path.length) parts.push({ text: path.slice(at) });
    for (const part of parts) {
      if ('text' in part && /[{}]/.test(part.text)) throw new VeloError(ErrorCodes.CONFIG, `file sink path '${path}': unbalanced '{' or '}'`);
    }
    return new PathTemplate(path, parts);
  }

  /** Compiles the template for the sink's output schema; CONFIG naming the column when it is not an output column. */
  compile(schema: Schema, sinkName: string): CompiledPathTemplate {
    const columns: number[] = [];
    let usesTime = false;
    const pieces: ((row: Row, eventTime: number) => string)[] = this.parts.map((part) => {
      if ('column' in part) {
        const index = columnIndex(schema, part.column);
        if (index < 0) {
          throw new VeloError(ErrorCodes.CONFIG, `sink '${sinkName}': path '${this.text}' names column '${part.column}', which is not an output column (${schema.names.join(', ')})`);
        }
        const text = valueText((schema.fields[index] as { type: SqlType }).type);
        columns.push(index);
        return (row) => encodeSegment(text(row[index]));
      }
      if (!part.text.includes('%')) {
        const literal = part.text;
        return () => literal;
      }
      let format: (ms: number) => string;
      try {
        format = compileStrftime(part.text);
      } catch (error) {
        throw new VeloError(ErrorCodes.CONFIG, `sink '${sinkName}': path '${this.text}': ${(error as Error).message}`, { cause: error });
      }
      usesTime = true;
      return (_row, eventTime) => format(eventTime);
    });
    const pathOf: RecordPath = (row, eventTime) => {
      let path = '';
      for (const piece of pieces) path += piece(row, eventTime);
      return path;
    };
    // Primitive equality only (a DECIMAL object compares unequal and is formatted): a miss merely costs a format.
    const sameInputs = (a: Row, aTime: number, b: Row, bTime: number): boolean => {
      if (usesTime && aTime !== bTime) return false;
      for (const index of columns) if (a[index] !== b[index]) return false;
      return true;
    };
    return { pathOf, sameInputs };
  }
}

function columnIndex(schema: Schema, name: string): number {
  const exact = schema.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  return schema.names.findIndex((n) => n.toLowerCase() === lower);
}

/** A column value's text in a path: ISO for dates and timestamps, `null` for NULL, else its plain text. */
function valueText(type: SqlType): (value: unknown) => string {
  switch (type.kind) {
    case 'TIMESTAMP':
      return (v) => (typeof v === 'number' ? formatIsoTimestamp(v) : v === null || v === undefined ? 'null' : String(v));
    case 'DATE':
      return (v) => (typeof v === 'number' ? formatIsoDate(v) : v === null || v === undefined ? 'null' : String(v));
    default:
      return (v) => (v === null || v === undefined ? 'null' : String(v));
  }
}

/** Percent-encodes what would make a value more (or less) than one path segment. */
function encodeSegment(text: string): string {
  if (text === '.' || text === '..') return text.replaceAll('.', '%2E');
  if (text === '') return '%00';
  // eslint-disable-next-line no-control-regex
  return /[/\\%\u0000-\u001f]/.test(text) ? text.replace(/[/\\%\u0000-\u001f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`) : text;
}
