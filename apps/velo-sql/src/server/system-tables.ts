import { Schema, SqlTypes, type Row, type SqlType } from '@velots/core';
import type { AppRegistry } from './app-registry.js';
import { jobDetail, jobProfile } from './job-views.js';

/** A table a pull query can read: its schema and its rows, made when the query runs. */
export interface QueryableTable {
  readonly schema: Schema;
  rows(): readonly Row[];
}

const S = SqlTypes.STRING;
const N = SqlTypes.BIGINT;
const D = SqlTypes.DOUBLE;
const T = SqlTypes.TIMESTAMP;

const schemaOf = (...columns: [string, SqlType][]): Schema => Schema.of(...columns);

export const VELO_JOBS_SCHEMA = schemaOf(
  ['id', S], ['app', S], ['name', S], ['kind', S], ['state', S], ['uptime_ms', N], ['records_in', N], ['records_out', N],
  ['errors', N], ['dlq_records', N], ['late_records', N], ['watermark', T], ['lag_ms', N], ['error', S],
);

export const VELO_OPERATORS_SCHEMA = schemaOf(
  ['job', S], ['position', N], ['operator', S], ['rows_in', N], ['rows_out', N], ['ns_per_row', N], ['total_ms', D], ['state_entries', N], ['watermark', T],
);

export const VELO_PARTITIONS_SCHEMA = schemaOf(
  ['job', S], ['source', S], ['partition', N], ['records_in', N], ['offset_lag', N], ['event_time_lag_ms', N], ['watermark', T],
);

/** `velo_jobs`, `velo_operators`, `velo_partitions`: the figures of `GET /jobs/{id}` and its profile, as tables. */
export function systemTables(registry: AppRegistry): ReadonlyMap<string, QueryableTable> {
  return new Map<string, QueryableTable>([
    [
      'velo_jobs',
      {
        schema: VELO_JOBS_SCHEMA,
        rows: () => {
          const now = Date.now();
          return registry.jobs().map((job): Row => {
            const d = jobDetail(job, now);
            const recordsIn = d.sources.reduce((n, s) => n + s.recordsIn, 0);
            const recordsOut = d.sinks.reduce((n, s) => n + s.recordsOut, 0);
            return [d.id, d.app, d.name, d.kind, d.state, d.uptimeMs, recordsIn, recordsOut, d.errors, d.dlqRecords, d.lateRecords, d.watermark, d.lagMs, d.error?.message ?? null];
          });
        },
      },
    ],
    [
      'velo_operators',
      {
        schema: VELO_OPERATORS_SCHEMA,
        rows: () => {
          const now = Date.now();
          return registry.jobs().flatMap((job) =>
            jobProfile(job, now).operators.map((o): Row => [job.id, o.position, o.operator, o.rowsIn, o.rowsOut, o.nsPerRow, o.totalMs, o.stateEntries, o.watermark]),
          );
        },
      },
    ],
    [
      'velo_partitions',
      {
        schema: VELO_PARTITIONS_SCHEMA,
        rows: () => {
          const now = Date.now();
          return registry.jobs().flatMap((job) =>
            jobProfile(job, now).partitions.map((p): Row => [job.id, p.source, p.partition, p.recordsIn, p.offsetLag, p.eventTimeLagMs, p.watermark]),
          );
        },
      },
    ],
  ]);
}
