/** Where a CLI writes and what stops it: the process by default, fakes in tests. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads all of stdin (for `--file -`). */
  readonly readStdin: () => Promise<string>;
  /** Resolves when the process is asked to stop (SIGINT or SIGTERM). */
  readonly stopRequested: () => Promise<string>;
  /** Ends the process at once with `code` (a shutdown that overran its timeout). */
  readonly exit: (code: number) => void;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The real process: stdout, stderr, environment, SIGINT/SIGTERM. */
export const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readStdin: () => readAll(process.stdin),
  stopRequested: () =>
    new Promise((resolve) => {
      const stop = (signal: string): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(signal);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }),
  exit: (code) => process.exit(code),
};
