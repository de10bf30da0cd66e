import { z } from 'zod';
import { APP_STORE_FOLDER } from './app-store.js';

/**
 * App names: what a file stem may be, so `<data-dir>/apps/<name>.sql` and the checkpoint folder `<data-dir>/<name>/`
 * stay inside the data directory; `apps` is the app store's own folder.
 */
export const AppName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'an app name is 1-128 letters, digits, _ . - (not starting with . or -)')
  .refine((name) => name.toLowerCase() !== APP_STORE_FOLDER, `'${APP_STORE_FOLDER}' is reserved (the data directory's folder of deployed apps)`);

export const DeployRequest = z.strictObject({
  name: AppName.describe('the app name; its jobs are `<name>/<statement name>`'),
  sql: z.string().min(1).describe('the app: one or more `;`-separated statements'),
});

export const QueryRequest = z.strictObject({
  sql: z.string().min(1).describe('one statement: a SELECT over a table or a system table, SHOW JOBS|STREAMS|TABLES, PAUSE|RESUME|STOP JOB j, START|DEPLOY JOB j … AS SELECT …'),
});

export const ExplainRequest = z.union([
  z.strictObject({ sql: z.string().min(1).describe('statements to plan (not run)') }),
  z.strictObject({
    job: z.string().min(1).describe('a running job id, `<app>/<name>`'),
    analyze: z.boolean().optional().describe('annotate each operator with its profile figures'),
  }),
]);

export const ReplaceParam = z.enum(['true', 'false']).optional();

export type DeployRequest = z.infer<typeof DeployRequest>;
export type QueryRequest = z.infer<typeof QueryRequest>;
export type ExplainRequest = z.infer<typeof ExplainRequest>;
