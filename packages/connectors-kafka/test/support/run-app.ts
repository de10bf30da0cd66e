import { createEngine, type RunSummary } from '@velots/runtime';
import { registerKafkaConnectors } from '../../src/index.js';

/** Warnings an app run printed. */
export interface AppRun {
  readonly summary: RunSummary;
  readonly warnings: string[];
  readonly sources: { name: string; records: number; progress?: { done: number; total: number } | undefined }[];
}

/** Runs a SQL app with the Kafka connectors registered as velo-sql-batch does (bounded: read to the end seen at start). */
export async function runApp(sql: string, baseDir: string = process.cwd()): Promise<AppRun> {
  registerKafkaConnectors({ bounded: true });
  const warnings: string[] = [];
  const engine = await createEngine({ sql, baseDir, warn: (message) => warnings.push(message) });
  const summary = await engine.run();
  const sources = engine
    .connectorStats()
    .filter((c) => c.role === 'source')
    .map((c) => ({ name: c.name, records: c.stats.records, progress: c.stats.progress }));
  return { summary, warnings, sources };
}

/** `count` trades as JSON message values: deterministic symbols, prices (exact decimals) and event times. */
export function tradeMessages(count: number, start = 0): { key: string; value: string; partition: number }[] {
  const symbols = ['AAPL', 'MSFT', 'GOOG'];
  const out: { key: string; value: string; partition: number }[] = [];
  for (let i = start; i < start + count; i++) {
    const symbol = symbols[i % 3] as string;
    const price = `${100 + (i % 17)}.${String(i % 100).padStart(2, '0')}`;
    const quantity = 10 * (1 + (i % 7));
    out.push({ key: symbol, value: `{"id":${i},"symbol":"${symbol}","price":${price},"quantity":${quantity},"ts":${1_700_000_000_000 + i * 1000}}`, partition: i % 3 });
  }
  return out;
}
