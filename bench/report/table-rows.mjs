// Reads the markdown tables a benchmark prints and turns each row into the common report row: workload, records,
// seconds, CPU-seconds, records/s, records per CPU-second, baseline and ratio (plus every printed column as is).
// Benchmarks keep printing their own tables; this is the one place that knows how their headers read.

/** Header patterns of the common fields; the first matching column wins. */
const FIELDS = [
  ['records', /^(input )?records$/i],
  ['seconds', /^(velo )?(s|seconds)( \(wall\))?$/i],
  ['cpuSeconds', /^(velo )?cpu[ -]s(econds)?$/i],
  ['recordsPerSecond', /^records\/s( \(wall\))?$/i],
  ['recordsPerCpuSecond', /^(records\/cpu-s|records\/s\/core)$/i],
  ['eventsPerCpuSecond', /^events\/s\/core$/i],
  ['ratio', /^(speed )?ratio\b/i],
];

/** The number a printed cell starts with (`1,234`, `2.5×`, `87 %`, `1.00 (baseline)`), or null when it has none. */
function numberOf(cell) {
  const match = /^[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?/i.exec(cell.trim());
  return match ? Number(match[0].replace(/,/g, '')) : null;
}

function cellsOf(line) {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** Every row of every markdown table in `text`, as `{ workload, …common fields, columns }`. */
export function tableRows(text, bench) {
  const lines = text.split('\n');
  const rows = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i].trim().startsWith('|') || !/^\|?\s*:?-{3,}/.test(lines[i + 1].trim())) continue;
    const headers = cellsOf(lines[i]);
    const index = Object.fromEntries(FIELDS.map(([field, pattern]) => [field, headers.findIndex((h) => pattern.test(h))]));
    const ratioHeader = index.ratio >= 0 ? headers[index.ratio] : undefined;
    const workersColumn = headers.findIndex((h) => /^workers$/i.test(h));
    for (i += 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
      const cells = cellsOf(lines[i]);
      const value = (field) => (index[field] >= 0 ? numberOf(cells[index[field]] ?? '') : null);
      const row = {
        bench,
        workload: workersColumn >= 0 ? `${cells[0]} (${cells[workersColumn]} workers)` : cells[0],
        records: value('records'),
        seconds: value('seconds'),
        cpuSeconds: value('cpuSeconds'),
        recordsPerSecond: value('recordsPerSecond'),
        recordsPerCpuSecond: value('recordsPerCpuSecond'),
        eventsPerCpuSecond: value('eventsPerCpuSecond'),
        baseline: ratioHeader ? ratioHeader.replace(/^(speed )?ratio( to)?\s*/i, '') || 'baseline' : null,
        ratio: value('ratio'),
        columns: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ''])),
      };
      if (row.recordsPerSecond === null && row.records !== null && row.seconds) row.recordsPerSecond = row.records / row.seconds;
      if (row.recordsPerCpuSecond === null && row.records !== null && row.cpuSeconds) row.recordsPerCpuSecond = row.records / row.cpuSeconds;
      rows.push(row);
    }
  }
  return rows;
}
