export { createProgram } from './program.js';
export { processIo, type CliIo } from './io.js';
export { runApp, ExitCode } from './run-app.js';
export { VeloServer, startServer, DEFAULT_MAX_BODY_BYTES, type ServerOptions } from './server/http-server.js';
