/** A cell as text: JSON for objects and arrays, empty for null. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows as an aligned text table: a header, a rule, one line per row, numbers right-aligned. */
export function renderTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((row) => columns.map((_, i) => cellText(row[i])));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === null));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]): string =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const count = `(${rows.length} row${rows.length === 1 ? '' : 's'})`;
  return [line(columns), rule, ...cells.map(line), count].join('\n');
}

/** An object as aligned `key: value` lines. */
export function renderFields(fields: Readonly<Record<string, unknown>>): string {
  const width = Math.max(0, ...Object.keys(fields).map((k) => k.length));
  return Object.entries(fields)
    .map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${cellText(v)}`)
    .join('\n');
}

/** Milliseconds as `1h 02m 03s`. */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m ${String(sec).padStart(2, '0')}s` : m > 0 ? `${m}m ${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

/** Bytes as `512 B`, `1.5 KiB`, `3.2 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]!}`;
}
