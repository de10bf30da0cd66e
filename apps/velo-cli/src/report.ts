import { ServerError } from './client.js';
import type { CliIo } from './io.js';

/** Prints an error: `error[CODE]: file:line:col: message`, the SQL line and a caret when the server gave a position. */
export function reportError(io: CliIo, error: unknown, json: boolean, sql?: string, file?: string): void {
  if (json) {
    const body = error instanceof ServerError ? { code: error.code, message: error.message, ...(error.position ? { position: error.position } : {}) } : { code: 'CLI', message: String(error) };
    io.stdout.write(`${JSON.stringify({ ok: false, error: body })}\n`);
    return;
  }
  if (error instanceof ServerError) {
    io.stderr.write(`error[${error.code}]: ${error.position && sql !== undefined ? error.toVeloError(file).format(sql) : error.message}\n`);
    return;
  }
  io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
}
