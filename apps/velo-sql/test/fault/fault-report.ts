import { appendFileSync } from 'node:fs';

/** Rounds of a kill test: `VELO_FAULT_ROUNDS` when set (longer soak runs by hand), else the CI figure. */
export function faultRounds(fallback: number): number {
  const text = process.env['VELO_FAULT_ROUNDS'];
  const value = text === undefined || text === '' ? fallback : Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Prints a fault test's figures (rounds, records, windows lost, duplicates, restart times) as one JSON line, and
 * appends it to `$VELO_FAULT_REPORT` when set, so a CI run keeps them.
 */
export function reportFigures(test: string, figures: Readonly<Record<string, unknown>>): void {
  const line = JSON.stringify({ test, ...figures });
  process.stdout.write(`fault figures: ${line}\n`);
  const file = process.env['VELO_FAULT_REPORT'];
  if (file) appendFileSync(file, `${line}\n`);
}
