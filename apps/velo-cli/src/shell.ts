import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { VeloClient } from './client.js';
import { answerText } from './commands.js';
import { ExitCode, type CliIo } from './io.js';
import { reportError } from './report.js';
import { StatementBuffer } from './statement-buffer.js';

const HELP = `Statements end with ; and may span lines.
  SELECT … FROM <table>|velo_jobs|velo_operators|velo_partitions   pull query over current state
  SHOW JOBS | SHOW STREAMS | SHOW TABLES                             what runs
  PAUSE JOB j; RESUME JOB j; STOP JOB j                              control a job
  START JOB j AS SELECT …; DEPLOY JOB j VERSION 'v' AS SELECT …      deploy a one-statement app
  EXPLAIN <statement>                                                the plan
Commands:
  \\help      this text
  \\history   statements entered so far
  \\clear     drop the statement being typed
  \\q         quit`;

export interface ShellOptions {
  readonly client: VeloClient;
  readonly io: CliIo;
  readonly json: boolean;
  /** Where history is kept between sessions (interactive only); default ~/.velo_history. */
  readonly historyFile?: string | undefined;
}

/**
 * The interactive SQL shell: reads statements (multi-line, `;`-terminated) from a terminal or piped stdin,
 * sends each to `POST /query`, prints results as aligned tables. Piped input exits 1 if any statement failed.
 */
export async function runShell(options: ShellOptions): Promise<number> {
  const { client, io, json } = options;
  const interactive = io.stdin.isTTY === true;
  const historyFile = options.historyFile ?? join(homedir(), '.velo_history');
  const history: string[] = interactive && existsSync(historyFile) ? readFileSync(historyFile, 'utf8').split('\n').filter((l) => l.length > 0) : [];
  const lines = createInterface({ input: io.stdin, output: interactive ? io.stdout : undefined, terminal: interactive, history: [...history].reverse(), historySize: 1000 });
  const buffer = new StatementBuffer();
  const prompt = (): void => {
    if (!interactive) return;
    lines.setPrompt(buffer.pending ? '   -> ' : 'velo> ');
    lines.prompt();
  };
  if (interactive) io.stdout.write('velo-cli shell: \\help for help, \\q to quit\n');
  let failed = false;
  prompt();
  for await (const line of lines) {
    const trimmed = line.trim();
    if (!buffer.pending && trimmed.startsWith('\\')) {
      const command = trimmed.split(/\s+/)[0];
      if (command === '\\q' || command === '\\quit') break;
      if (command === '\\help' || command === '\\?') io.stdout.write(`${HELP}\n`);
      else if (command === '\\history') io.stdout.write(history.map((h, i) => `${String(i + 1).padStart(4)}  ${h}`).join('\n') + (history.length > 0 ? '\n' : ''));
      else if (command === '\\clear') buffer.clear();
      else {
        io.stderr.write(`unknown command ${command} (\\help lists them)\n`);
        failed = true;
      }
      prompt();
      continue;
    }
    for (const statement of buffer.push(line)) {
      history.push(statement.replace(/\s*\n\s*/g, ' '));
      if (interactive) appendFileSync(historyFile, `${history.at(-1)}\n`);
      try {
        const answer = await client.json<{ columns: string[]; rows: unknown[][]; message?: string }>('POST', '/query', { sql: statement });
        io.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${answerText(answer)}\n`);
      } catch (error) {
        failed = true;
        reportError(io, error, json, statement, '<shell>');
      }
    }
    prompt();
  }
  lines.close();
  if (buffer.pending) {
    io.stderr.write('error: the last statement has no closing ;\n');
    failed = true;
  }
  return failed && !interactive ? ExitCode.FAILED : ExitCode.OK;
}
