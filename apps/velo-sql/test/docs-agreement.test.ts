import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/index.js';
import { openApiDocument } from '../src/server/openapi.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs');
const serverDoc = readFileSync(join(docs, 'server.md'), 'utf8');

describe('docs/server.md agrees with the server', () => {
  it('documents every route of the OpenAPI document with its method', () => {
    const paths = openApiDocument()['paths'] as Record<string, Record<string, unknown>>;
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        const documented = serverDoc.includes(`${method.toUpperCase()} ${path}`);
        expect(documented, `${method.toUpperCase()} ${path} is not in docs/server.md`).toBe(true);
      }
    }
  });

  it('documents every option of `velo-sql server --help` and of `velo-sql --help`', () => {
    const program = createProgram();
    const server = program.commands.find((c) => c.name() === 'server')!;
    for (const option of [...program.options, ...server.options]) {
      if (option.long === '--help' || option.long === '--version') continue;
      expect(serverDoc, `${option.flags} is not in docs/server.md`).toContain(option.long!);
    }
  });
});
