import { describe, expect, it } from 'vitest';
import { parse } from '@velots/sql-parser';
import { stripSpans } from './strip-spans.js';

const app = `-- SQL Application: payments
-- Version: 1.2.0
-- Description: from the header
-- Author: ops
-- Dependencies: accounts, fx
-- Tag: team: payments
-- @description: overrides the header
-- @observability.metrics.enabled: false
-- @observability.profiling.enabled: prod
-- @deployment.node_id: \${NODE_ID:n1}
-- @sla.availability: 99.9
-- @job_mode: transactional
-- @partitioning_strategy: round_robin

-- @name: big_payments
-- @batch_size: 100
-- @metric: velo_big_payments_total
-- @metric_help: "Payments over 10k"
-- @metric_labels: currency, country
-- @metric_condition: amount > 10000
-- @metric_sample_rate: 0.25
-- Property: owner=ops
CREATE STREAM big AS SELECT * FROM payments WHERE amount > 10000;

-- Name: second_job
-- @num_partitions: 4
-- @metric: velo_amount
-- @metric_type: histogram
-- @metric_field: amount
-- @metric_buckets: 0.1, 1, 5
SELECT amount FROM payments;
`;

describe('annotations', () => {
  const script = parse(app);

  it('collects the file header and file-scope annotations on the script', () => {
    const { raw, ...typed } = script.annotations;
    expect(stripSpans(typed)).toEqual({
      app: 'payments',
      version: '1.2.0',
      description: 'overrides the header',
      author: 'ops',
      dependencies: ['accounts', 'fx'],
      tags: [{ key: 'team', value: 'payments' }],
      logged: { 'sla.availability': '99.9' },
      observability: { metricsEnabled: false, profiling: 'prod' },
      deployment: { nodeId: '${NODE_ID:n1}' },
      jobDefaults: { jobMode: 'transactional', partitioningStrategy: 'roundrobin' },
    });
    expect(raw.length).toBe(13);
    expect(script.warnings).toEqual([]);
  });

  it('attaches statement annotations, metrics and properties to their statement', () => {
    const [first, second] = script.statements;
    expect(stripSpans({ ...first?.annotations, raw: undefined })).toEqual({
      name: 'big_payments',
      batchSize: 100,
      observability: {},
      properties: [{ key: 'owner', value: 'ops' }],
      metrics: [
        {
          kind: 'MetricAnnotation', name: 'velo_big_payments_total', type: 'counter', help: 'Payments over 10k', labels: ['currency', 'country'],
          condition: { kind: 'BinaryExpr', op: '>', left: { kind: 'ColumnRef', name: 'amount', quoted: false }, right: { kind: 'NumberLiteral', text: '10000', numericKind: 'integer' } },
          sampleRate: 0.25,
        },
      ],
    });
    expect(second?.annotations).toMatchObject({ name: 'second_job', numPartitions: 4, metrics: [{ name: 'velo_amount', type: 'histogram', field: 'amount', buckets: [0.1, 1, 5] }] });
  });

  it('leaves the application name unset when the file has no header', () => {
    expect(parse('SELECT 1').annotations.app).toBeUndefined();
  });
});
