import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Tracing, VeloTelemetry } from '@velots/observability';
import { describe, expect, it } from 'vitest';
import { appsFolder, eventually, http, jobOf, startTestServer } from './server-fixture.js';

const copyApp = (name: string, header = ''): string => `${header}CREATE STREAM ${name} AS SELECT v FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl', 'src.format' = 'jsonlines', '${name}.type' = 'file_sink', '${name}.path' = '${name}.jsonl');`;

describe('job telemetry on the server', () => {
  it('traces batch processing and sink writes with messaging attributes', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = new VeloTelemetry({ processMetrics: false, tracing: new Tracing({ exporter, exportEachSpan: true }) });
    const server = await startTestServer({ telemetry, appsDir: appsFolder({ 'in.jsonl': '{"v": 1}\n{"v": 2}\n' }) });
    await http(server, 'POST', '/apps', { name: 'copy', sql: copyApp('copied') });
    await eventually(async () => (await jobOf(server, 'copy/copied'))['state'] === 'finished');
    const spans = exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes }));
    expect(spans).toEqual([
      {
        name: 'velo.sink.write',
        attributes: { 'messaging.system': 'velots', 'velo.job': 'copy/copied', 'messaging.operation.type': 'send', 'messaging.destination.name': 'copied', 'messaging.batch.message_count': 2 },
      },
      {
        name: 'velo.batch.process',
        attributes: { 'messaging.system': 'velots', 'velo.job': 'copy/copied', 'messaging.operation.type': 'process', 'messaging.batch.message_count': 2, 'messaging.destination.name': 'src' },
      },
    ]);
    const [write, batch] = exporter.getFinishedSpans();
    expect(write!.parentSpanContext?.spanId).toBe(batch!.spanContext().spanId);
  });

  it('honours @observability.metrics.enabled and .tracing.enabled = false from the file header', async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = new VeloTelemetry({ processMetrics: false, tracing: new Tracing({ exporter, exportEachSpan: true }) });
    const server = await startTestServer({ telemetry, appsDir: appsFolder({ 'in.jsonl': '{"v": 1}\n' }) });
    const quiet = copyApp('quiet', '-- @observability.metrics.enabled: false\n-- @observability.tracing.enabled: false\n\n');
    await http(server, 'POST', '/apps', { name: 'quiet', sql: quiet });
    await http(server, 'POST', '/apps', { name: 'loud', sql: copyApp('loud') });
    await eventually(async () => (await jobOf(server, 'quiet/quiet'))['state'] === 'finished' && (await jobOf(server, 'loud/loud'))['state'] === 'finished');
    const metrics = (await http(server, 'GET', '/metrics')).text;
    expect(metrics).toContain('velo_records_in_total{job="loud/loud",source="src"} 1');
    expect(metrics).not.toContain('quiet/quiet');
    expect(new Set(exporter.getFinishedSpans().map((s) => s.attributes['velo.job']))).toEqual(new Set(['loud/loud']));
  });
});
