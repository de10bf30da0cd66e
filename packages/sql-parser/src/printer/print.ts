/** `print`: canonical SQL text for a script, a statement, a SELECT or an expression. */
import type { Expression, Script, Select, Statement } from '../ast.js';
import { expressions, printScript, printSelect, printStatement } from './print-statement.js';

/** Canonical SQL text of a node: `parse(print(parse(x)))` equals `parse(x)` except for spans and source text. */
export function print(node: Script | Statement | Select | Expression): string {
  switch (node.kind) {
    case 'Script':
      return printScript(node);
    case 'Select':
      return printSelect(node);
    case 'CreateStreamAs':
    case 'CreateTableAs':
    case 'CreateStream':
    case 'CreateTable':
    case 'InsertInto':
    case 'SelectStatement':
    case 'DropStatement':
    case 'ShowStatement':
    case 'DescribeStatement':
    case 'ExplainStatement':
    case 'StartJob':
    case 'StopJob':
    case 'PauseJob':
    case 'ResumeJob':
    case 'DeployJob':
    case 'RollbackJob':
      return printStatement(node);
    default:
      return expressions.print(node);
  }
}
