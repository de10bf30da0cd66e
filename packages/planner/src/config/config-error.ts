import { ErrorCodes, VeloError } from '@velots/core';

/** Where a config problem is: the YAML file and, when known, the 1-based line and column. */
export interface YamlPlace {
  readonly file: string;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/**
 * A CONFIG error whose message reads `file:line:col: problem (config_file of '<sql key>')`.
 * It carries no `position`: positions in Velo TS point into the `.sql` text, and the app planner
 * positions the error at the key that named the file; the YAML place stays in the message and `details`.
 */
export function configError(
  place: YamlPlace,
  problem: string,
  referencedBy: string | undefined,
  cause?: unknown,
): VeloError {
  const where = place.line === undefined ? place.file : `${place.file}:${place.line}:${place.column ?? 1}`;
  const via = referencedBy === undefined ? '' : ` (config_file of '${referencedBy}')`;
  return new VeloError(ErrorCodes.CONFIG, `${where}: ${problem}${via}`, {
    cause,
    details: { configFile: place.file, line: place.line, column: place.column, referencedBy },
  });
}
