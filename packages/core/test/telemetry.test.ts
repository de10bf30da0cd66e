import { describe, expect, it } from 'vitest';
import { noopTelemetry } from '@velots/core';

describe('noopTelemetry', () => {
  it('hands out instruments that accept every call and record nothing', () => {
    const counter = noopTelemetry.counter('velo_records_in_total', { help: 'records read', labelNames: ['source'] });
    const gauge = noopTelemetry.gauge('velo_state_keys', { help: 'keys held' });
    const histogram = noopTelemetry.histogram('velo_batch_seconds', { help: 'batch time', buckets: [0.01, 0.1, 1] });
    expect(counter.inc({ source: 'in' }, 5)).toBeUndefined();
    expect(counter.inc()).toBeUndefined();
    expect(gauge.set(3, { store: 'agg' })).toBeUndefined();
    expect(gauge.inc()).toBeUndefined();
    expect(gauge.dec({ store: 'agg' }, 2)).toBeUndefined();
    expect(histogram.observe(0.02)).toBeUndefined();
  });

  it('returns the same instrument for the same kind, as creation is idempotent', () => {
    expect(noopTelemetry.counter('a', { help: 'a' })).toBe(noopTelemetry.counter('b', { help: 'b' }));
    expect(noopTelemetry.gauge('a', { help: 'a' })).toBe(noopTelemetry.gauge('a', { help: 'a' }));
    expect(noopTelemetry.histogram('a', { help: 'a' })).toBe(noopTelemetry.histogram('a', { help: 'a' }));
  });

  it('starts spans that carry no trace context', () => {
    const span = noopTelemetry.startSpan('batch', { records: 10 }, { traceparent: '00-abc-def-01' });
    span.setAttribute('operator', 'filter');
    span.recordError(new Error('bad record'));
    expect(span.context()).toBeUndefined();
    expect(span.end()).toBeUndefined();
  });

  it('is frozen, so no module can swap its methods for everyone', () => {
    expect(Object.isFrozen(noopTelemetry)).toBe(true);
  });
});
