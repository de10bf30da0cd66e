import { describe, expect, it } from 'vitest';
import { appsFolder, eventually, http, jobOf, startTestServer } from './server-fixture.js';

/** Samples of a Prometheus text exposition, by `name{labels}`. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

const INPUT = '{"v": 1}\nnot json\n{"v": 2}\n{"v": \n{"v": 3}\n';

const CLEAN_APP = `CREATE STREAM clean AS SELECT v FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl', 'src.format' = 'jsonlines',
      'failure_strategy' = 'dead_letter', 'dead.letter.queue.sink' = 'dlq', 'dlq.type' = 'file_sink', 'dlq.path' = 'dlq.jsonl',
      'clean.type' = 'file_sink', 'clean.path' = 'clean.jsonl');`;

const READINGS = ['{"sensor": "a", "ts": 1000}', '{"sensor": "b", "ts": 2000}', '{"sensor": "a", "ts": 70000}', '{"sensor": "a", "ts": 3000}', '{"sensor": "b", "ts": 130000}'].join('\n');

const WINDOW_APP = `-- @metric: sensor_windows_total
-- @metric_labels: sensor
-- @metric_condition: n >= 1
-- @metric: sensor_window_count
-- @metric_type: gauge
-- @metric_labels: sensor
-- @metric_field: n
CREATE STREAM per_minute AS SELECT sensor, COUNT(*) AS n FROM r GROUP BY sensor WINDOW TUMBLING(ts, 1m) EMIT FINAL
WITH ('r.type' = 'file_source', 'r.path' = 'r.jsonl', 'r.format' = 'jsonlines', 'event.time.field' = 'ts', 'watermark.strategy' = 'ascending', 'max_batch_size' = '1',
      'per_minute.type' = 'file_sink', 'per_minute.path' = 'per_minute.jsonl');`;

describe('GET /metrics', () => {
  it('counts records, bad records, dead letters, late records and @metric samples exactly', async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'in.jsonl': INPUT, 'r.jsonl': READINGS }) });
    expect((await http(server, 'POST', '/apps', { name: 'clean', sql: CLEAN_APP })).status).toBe(201);
    expect((await http(server, 'POST', '/apps', { name: 'windows', sql: WINDOW_APP })).status).toBe(201);
    await eventually(async () => (await jobOf(server, 'clean/clean'))['state'] === 'finished' && (await jobOf(server, 'windows/per_minute'))['state'] === 'finished');
    const metrics = await http(server, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    const m = samples(metrics.text);
    expect(m.get('velo_records_in_total{job="clean/clean",source="src"}')).toBe(3);
    expect(m.get('velo_records_out_total{job="clean/clean",sink="clean"}')).toBe(3);
    expect(m.get('velo_errors_total{job="clean/clean",code="RECORD_MALFORMED"}')).toBe(2);
    expect(m.get('velo_dlq_records_total{job="clean/clean"}')).toBe(2);
    expect(m.get('velo_records_in_total{job="windows/per_minute",source="r"}')).toBe(5);
    expect(m.get('velo_late_records_total{job="windows/per_minute"}')).toBe(1);
    // Windows [0, 60s): a=1, b=1; [60s, 120s): a=1; [120s, 180s): b=1 — every window has n ≥ 1.
    expect(m.get('velo_records_out_total{job="windows/per_minute",sink="per_minute"}')).toBe(4);
    expect(m.get('sensor_windows_total{sensor="a"}')).toBe(2);
    expect(m.get('sensor_windows_total{sensor="b"}')).toBe(2);
    expect(m.get('sensor_window_count{sensor="a"}')).toBe(1);
    expect(m.get('velo_batch_duration_seconds_count{job="clean/clean"}')).toBe(1);
    expect(m.has('process_cpu_user_seconds_total')).toBe(true);
    expect((await jobOf(server, 'clean/clean'))).toMatchObject({ errors: 2, errorsByCode: { RECORD_MALFORMED: 2 }, dlqRecords: 2 });
    expect((await jobOf(server, 'windows/per_minute'))).toMatchObject({ lateRecords: 1 });
  });

  it('refuses at deploy a @metric whose label is not an output column', async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'r.jsonl': READINGS }) });
    const sql = WINDOW_APP.replace('-- @metric_labels: sensor\n-- @metric_condition', '-- @metric_labels: site\n-- @metric_condition');
    const answer = await http(server, 'POST', '/apps', { name: 'windows', sql });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'CONFIG', message: expect.stringContaining("names 'site', which is not an output column") });
  });
});
