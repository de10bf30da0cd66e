import { Command, InvalidArgumentError, Option } from 'commander';
import type { OutputOptions, RunOptions } from './commands.js';

/**
 * The `velo-sql-batch` command line; `parseAsync` runs it and sets `process.exitCode`. A command's code (the
 * engine, planner and parser) is loaded when the command runs: `--help` and `--version` load only commander.
 */
export function createProgram(): Command {
  const program = new Command()
    .name('velo-sql-batch')
    .description('Run a Velo TS SQL app to completion over bounded inputs (files, generators, Kafka topics up to their end at start): for tests, CI and backfills.')
    .version('0.1.0');

  const withOutputOptions = (command: Command): Command =>
    command.option('-q, --quiet', 'print nothing but errors').option('--json', 'print a machine-readable summary on stdout');

  withOutputOptions(program.command('run').argument('<app>', 'the .sql app, or - for stdin').description('run every statement until its inputs end'))
    .option('--metrics-file <file>', 'write the Prometheus metrics (records in/out, errors, dead letters, late records…) to this file at the end')
    .option('--batch-size <n>', 'the most records per batch for every job (results never depend on it)', parseBatchSize)
    .addOption(
      new Option('--workers <n>', "worker threads per job (each reads a share of a file or generator; a GROUP BY over Kafka splits by key), instead of each job's 'parallelism' (default 1)")
        .env('VELO_WORKERS')
        .argParser(parseBatchSize),
    )
    .action(async (app: string, options: RunOptions) => {
      const { runCommand } = await import('./commands.js');
      process.exitCode = await runCommand(app, options);
    });

  withOutputOptions(program.command('check').argument('<app>', 'the .sql app, or - for stdin').description('parse and plan every statement, reporting positioned errors'))
    .action(async (app: string, options: OutputOptions) => {
      const { checkCommand } = await import('./commands.js');
      process.exitCode = await checkCommand(app, options);
    });

  withOutputOptions(program.command('explain').argument('<app>', 'the .sql app, or - for stdin').description('print the physical plan of every job'))
    .action(async (app: string, options: OutputOptions) => {
      const { explainCommand } = await import('./commands.js');
      process.exitCode = await explainCommand(app, options);
    });
  return program;
}

function parseBatchSize(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number is needed');
  return n;
}
