import { ErrorCodes, VeloError } from '@velots/core';
import type { Statement } from '@velots/sql-parser';

/**
 * Statements that act on jobs of a running server have no meaning in a one-shot batch run: a positioned
 * NOT_SUPPORTED that names the command that does run them. `START JOB j AS <query>` keeps its batch
 * meaning (the query runs); SHOW, LIST and DESCRIBE stay no-ops, as in a Velostream app.
 */
export function rejectJobControl(statement: Statement, file: string | undefined): VeloError | undefined {
  const what = jobControlText(statement);
  if (what === undefined) return undefined;
  const { span } = statement;
  const how =
    statement.kind === 'RollbackJob'
      ? 'it acts on the deployed versions of a job of a running velo-sql server'
      : `it acts on a job of a running velo-sql server: send it there with velo-cli query "${what}"`;
  return new VeloError(ErrorCodes.NOT_SUPPORTED, `${what} is not run by velo-sql-batch, which runs an app's queries once and has no deployed jobs; ${how}`, {
    position: { file, line: span.line, column: span.column, offset: span.offset, endOffset: span.endOffset },
  });
}

function jobControlText(statement: Statement): string | undefined {
  switch (statement.kind) {
    case 'DeployJob':
      return `DEPLOY ${statement.jobWord} ${statement.name.name} VERSION '${statement.version}'`;
    case 'RollbackJob':
      return `ROLLBACK ${statement.jobWord} ${statement.name.name}`;
    case 'PauseJob':
      return `PAUSE ${statement.jobWord} ${statement.name.name}`;
    case 'ResumeJob':
      return `RESUME ${statement.jobWord} ${statement.name.name}`;
    case 'StopJob':
      return `STOP ${statement.jobWord} ${statement.name.name}`;
    default:
      return undefined;
  }
}
