/** Where the CLI reads and writes: the process by default, streams in tests. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };

/** Exit codes: 0 success, 1 the server refused (bad SQL, unknown job…) or could not be reached. */
export const ExitCode = { OK: 0, FAILED: 1 } as const;
