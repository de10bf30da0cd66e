import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/index.js';

const cliDoc = readFileSync(join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs'), 'cli.md'), 'utf8');

describe('docs/cli.md agrees with `velo-cli --help`', () => {
  it('documents every command and its options, and every global option', () => {
    const program = createProgram();
    for (const option of program.options) {
      if (option.long === '--help' || option.long === '--version') continue;
      expect(cliDoc, `${option.flags} is not in docs/cli.md`).toContain(`\`${option.long!}`);
    }
    for (const command of program.commands) {
      // A command is documented in a code span that starts with its name: `status JOB`, `explain FILE|JOB …`.
      expect(new RegExp(`\`${command.name()}[ \`]`).test(cliDoc), `${command.name()} is not in docs/cli.md`).toBe(true);
      for (const option of command.options) expect(cliDoc, `${command.name()} ${option.flags} is not in docs/cli.md`).toContain(option.long!);
    }
  });
});
