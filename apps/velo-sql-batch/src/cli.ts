#!/usr/bin/env node
import { createProgram } from './program.js';

const program = createProgram();
program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : 1);
});

await program.parseAsync(process.argv);
