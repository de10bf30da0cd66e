import { readFileSync } from 'node:fs';
import { ErrorCodes, VeloError } from '@velots/core';

/** The app's SQL text and the name errors show: a file path, or `-` for stdin. */
export interface AppText {
  readonly file: string;
  readonly sql: string;
  /** Directory relative paths resolve against (the file's, or the working directory for stdin). */
  readonly baseDir: string | undefined;
}

/** Reads an app from a path or stdin (`-`). */
export function readApp(path: string): AppText {
  try {
    if (path === '-') return { file: '<stdin>', sql: readFileSync(0, 'utf8'), baseDir: process.cwd() };
    return { file: path, sql: readFileSync(path, 'utf8'), baseDir: undefined };
  } catch (error) {
    throw new VeloError(ErrorCodes.CONFIG, `cannot read app '${path}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
