import { z } from 'zod';
import { DeployRequest, ExplainRequest, QueryRequest } from './request-schemas.js';

const error = { $ref: '#/components/schemas/Error' };
const json = (schema: unknown): Record<string, unknown> => ({ content: { 'application/json': { schema } } });
const errors = (...statuses: number[]): Record<string, unknown> =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_TEXT[s] ?? 'error', ...json(error) }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid request, JSON or SQL (with the SQL position)',
  401: 'no bearer token',
  403: 'wrong bearer token, or a file path outside the apps folder',
  404: 'unknown app, job, table or row',
  409: 'the app exists (use ?replace=true), or the job is not running',
  413: 'request body too large',
};
const jobId = { name: 'id', in: 'path', required: true, description: 'the job id `<app>/<name>` (the `/` may be written as `%2F`)', schema: { type: 'string' } };
const appName = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };
const jobAction = (summary: string): Record<string, unknown> => ({
  post: { summary, parameters: [jobId], responses: { '200': { description: 'the job after the action', ...json({ $ref: '#/components/schemas/Job' }) }, ...errors(401, 403, 404, 409) } },
});

/** The OpenAPI 3.1 document of the REST API (`GET /openapi.json`); request bodies come from the same zod schemas that validate them. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'velo-sql server', version: '0.1.0', description: 'Deploy Velo TS SQL apps, watch and control their jobs, look up tables, run pull queries. See docs/server.md.' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'required on every route but /healthz when the server runs with --token' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', description: 'stable code: SQL_SYNTAX, SQL_BIND, INVALID_REQUEST, APP_EXISTS, JOB_NOT_FOUND, …' },
            message: { type: 'string' },
            position: { type: 'object', properties: { line: { type: 'integer' }, column: { type: 'integer' }, offset: { type: 'integer' } } },
          },
        },
        DeployRequest: z.toJSONSchema(DeployRequest),
        QueryRequest: z.toJSONSchema(QueryRequest),
        ExplainRequest: z.toJSONSchema(ExplainRequest),
        JobSummary: {
          type: 'object',
          properties: { id: { type: 'string' }, app: { type: 'string' }, name: { type: 'string' }, state: { enum: ['starting', 'running', 'stalled', 'paused', 'stopped', 'failed', 'finished'], description: 'stalled: running, but a source or sink cannot reach its system (see stalled)' }, uptimeMs: { type: 'integer' }, lastCheckpointAt: { type: ['integer', 'null'], description: 'epoch ms of the last checkpoint' }, stalled: { type: 'object', description: 'while stalled: the connector (role, connector), its last error (reason) and since when (epoch ms)', properties: { role: { enum: ['source', 'sink'] }, connector: { type: 'string' }, reason: { type: 'string' }, since: { type: 'integer' } } } },
        },
        Job: {
          description: 'JobSummary plus kind, startedAt, sources [{name, recordsIn}], sinks [{name, recordsOut}], errors, errorsByCode, dlqRecords, lateRecords, watermark, maxEventTime, lagMs, checkpoints, threads {mode, workers, reason}, error',
          allOf: [
            { $ref: '#/components/schemas/JobSummary' },
            {
              type: 'object',
              properties: {
                checkpoints: {
                  type: 'object',
                  description: 'the last checkpoint (null without a data dir or before the first) and the restores at start',
                  properties: {
                    last: { type: ['object', 'null'], properties: { id: { type: 'integer' }, takenAt: { type: 'integer' }, bytes: { type: 'integer' }, durationMs: { type: 'number' } } },
                    restores: {
                      type: 'array',
                      items: { type: 'object', properties: { at: { type: 'integer' }, checkpointId: { type: 'integer' }, fellBack: { type: 'boolean', description: 'a newer checkpoint was unusable' }, reason: { type: 'string' } } },
                    },
                  },
                },
              },
            },
          ],
        },
        QueryResult: { type: 'object', properties: { columns: { type: 'array', items: { type: 'string' } }, rows: { type: 'array', items: { type: 'array' } }, message: { type: 'string' } } },
      },
    },
    paths: {
      '/healthz': { get: { summary: 'liveness (never needs the token)', security: [], responses: { '200': { description: 'ok' } } } },
      '/readyz': { get: { summary: 'readiness: stored apps redeployed', responses: { '200': { description: 'ready' }, '503': { description: 'starting' } } } },
      '/openapi.json': { get: { summary: 'this document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics (text exposition)', responses: { '200': { description: 'metrics', content: { 'text/plain': {} } } } } },
      '/apps': {
        get: { summary: 'list deployed apps', responses: { '200': { description: 'apps with their jobs' }, ...errors(401, 403) } },
        post: {
          summary: 'deploy an app (each statement is a job `<app>/<statement name>`)',
          parameters: [{ name: 'replace', in: 'query', schema: { enum: ['true', 'false'] }, description: 'replace an app of the same name' }],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/DeployRequest' }) },
          responses: { '201': { description: '{ name, jobs: [job ids] }' }, ...errors(400, 401, 403, 409, 413) },
        },
      },
      '/apps/{name}': {
        get: { summary: 'an app: its SQL, jobs and tables', parameters: [appName], responses: { '200': { description: 'the app' }, ...errors(401, 403, 404) } },
        delete: { summary: 'stop and remove an app', parameters: [appName], responses: { '200': { description: '{ name, stopped: [job ids] }' }, ...errors(401, 403, 404) } },
      },
      '/jobs': { get: { summary: 'list jobs', responses: { '200': { description: 'jobs', ...json({ type: 'array', items: { $ref: '#/components/schemas/JobSummary' } }) }, ...errors(401, 403) } } },
      '/jobs/{id}': { get: { summary: 'a job: state, uptime, records per source and sink, errors, DLQ, late records, watermark, lag, last checkpoint, restores', parameters: [jobId], responses: { '200': { description: 'the job', ...json({ $ref: '#/components/schemas/Job' }) }, ...errors(401, 403, 404) } } },
      '/jobs/{id}/profile': { get: { summary: 'per operator: rows in/out, ns per row, state entries, watermark; per source partition: lag and watermark; source wait and backpressure', parameters: [jobId], responses: { '200': { description: 'the profile' }, ...errors(401, 403, 404) } } },
      '/jobs/{id}/stop': jobAction('stop the job after its current batch (its sink is flushed)'),
      '/jobs/{id}/pause': jobAction('hold the job before its next read'),
      '/jobs/{id}/resume': jobAction('resume a paused job'),
      '/jobs/{id}/restart': jobAction("restart the job's app from a fresh plan"),
      '/tables/{name}/rows/{key}': {
        get: {
          summary: "a CTAS table's current row by key (compound keys joined with `|`)",
          parameters: [appName, { name: 'key', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '{ table, key, row }' }, ...errors(401, 403, 404) },
        },
      },
      '/query': {
        post: {
          summary: 'a pull query over tables and velo_jobs / velo_operators / velo_partitions, or SHOW / PAUSE / RESUME / STOP / START / DEPLOY JOB',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/QueryRequest' }) },
          responses: { '200': { description: 'rows', ...json({ $ref: '#/components/schemas/QueryResult' }) }, ...errors(400, 401, 403, 404, 409, 413) },
        },
      },
      '/explain': {
        post: {
          summary: 'the physical plan of SQL, or of a running job (with analyze: annotated with its profile)',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/ExplainRequest' }) },
          responses: { '200': { description: '{ plan }' }, ...errors(400, 401, 403, 404, 413) },
        },
      },
    },
  };
}
