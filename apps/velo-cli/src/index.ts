export { createProgram, DEFAULT_SERVER } from './program.js';
export { VeloClient, ServerError, type ClientOptions } from './client.js';
export { processIo, ExitCode, type CliIo } from './io.js';
export { renderTable } from './table-format.js';
export { StatementBuffer } from './statement-buffer.js';
