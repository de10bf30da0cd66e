#!/usr/bin/env node
import { isStageWorkerThread } from '@velots/runtime';
import { createProgram } from './program.js';

// Inside the bundled CLI, a job's worker threads load this same file: they run their share of the job, not a command.
if (!isStageWorkerThread()) {
  const program = createProgram();
  program.exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 1);
  });
  await program.parseAsync(process.argv);
}
