import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../src/index.js';

describe('PrometheusMetrics', () => {
  it('returns the same instrument for a name asked twice and counts exactly per label set', async () => {
    const metrics = new PrometheusMetrics({ processMetrics: false });
    const a = metrics.counter('velo_records_in_total', { help: 'records read', labelNames: ['job', 'source'] });
    const b = metrics.counter('velo_records_in_total', { help: 'records read', labelNames: ['job', 'source'] });
    a.inc({ job: 'app/j', source: 'trades' }, 3);
    b.inc({ job: 'app/j', source: 'trades' }, 4);
    b.inc({ job: 'app/k', source: 'trades' });
    const text = await metrics.text();
    expect(text).toContain('# TYPE velo_records_in_total counter');
    expect(text).toContain('velo_records_in_total{job="app/j",source="trades"} 7');
    expect(text).toContain('velo_records_in_total{job="app/k",source="trades"} 1');
  });

  it('sets gauges and fills histogram buckets', async () => {
    const metrics = new PrometheusMetrics({ processMetrics: false });
    metrics.gauge('velo_state_entries', { help: 'keys', labelNames: ['job', 'operator'] }).set(12, { job: 'j', operator: 'Agg' });
    const histogram = metrics.histogram('velo_batch_duration_seconds', { help: 'batch time', labelNames: ['job'], buckets: [0.1, 1] });
    histogram.observe(0.05, { job: 'j' });
    histogram.observe(0.5, { job: 'j' });
    const text = await metrics.text();
    expect(text).toContain('velo_state_entries{job="j",operator="Agg"} 12');
    expect(text).toContain('velo_batch_duration_seconds_bucket{le="0.1",job="j"} 1');
    expect(text).toContain('velo_batch_duration_seconds_bucket{le="1",job="j"} 2');
    expect(text).toContain('velo_batch_duration_seconds_count{job="j"} 2');
  });

  it('refuses a name already used by another kind of metric', () => {
    const metrics = new PrometheusMetrics({ processMetrics: false });
    metrics.counter('velo_x', { help: 'x' });
    expect(() => metrics.gauge('velo_x', { help: 'x' })).toThrow(/is a counter, not a gauge/);
  });

  it('adds the Node process metrics by default', async () => {
    const text = await new PrometheusMetrics().text();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });
});
