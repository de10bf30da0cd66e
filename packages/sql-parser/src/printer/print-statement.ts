/** Canonical SQL text of SELECTs, statements, annotations and whole scripts. */
import type {
  ColumnDef,
  Property,
  RawAnnotation,
  Relation,
  Script,
  Select,
  Statement,
  WindowClause,
} from '../ast.js';
import { ExpressionPrinter, printDuration, printIdentifier, printName, printString, printType } from './print-expression.js';

export const expressions: ExpressionPrinter = new ExpressionPrinter((select, nested) => printSelect(select, nested));

function printProperties(props: readonly Property[]): string {
  const pairs = props.map((p) => {
    const key = p.keyKind === 'string' ? printString(p.key) : p.key;
    const value = p.valueKind === 'string' ? printString(p.value) : p.value;
    return `${key} = ${value}`;
  });
  return `WITH (${pairs.join(', ')})`;
}

function printRelation(r: Relation): string {
  switch (r.kind) {
    case 'NamedRelation':
      return printName(r.name, r.quoted);
    case 'UriRelation':
      return printString(r.uri);
    case 'SubqueryRelation':
      return `(${printSelect(r.query, true)})`;
  }
}

function printWindow(w: WindowClause): string {
  const column = w.timeColumn ? `${expressions.print(w.timeColumn)}, ` : '';
  switch (w.kind) {
    case 'TumblingWindow':
      return `TUMBLING(${column}${printDuration(w.size)})`;
    case 'SlidingWindow':
      return `${w.keyword}(${column}${printDuration(w.size)}, ${printDuration(w.advance)})`;
    case 'SessionWindow': {
      const partitions = w.partitionColumns.map((c) => `, ${expressions.print(c)}`).join('');
      return `SESSION(${column}${printDuration(w.gap)}${partitions})`;
    }
  }
}

const JOIN_WORDS = { INNER: 'JOIN', LEFT: 'LEFT JOIN', RIGHT: 'RIGHT JOIN', FULL: 'FULL OUTER JOIN', CROSS: 'CROSS JOIN' } as const;

/** A SELECT in the canonical clause order; one clause per line at top level, one line when nested. */
export function printSelect(s: Select, nested = false): string {
  const nl = nested ? ' ' : '\n';
  const itemTexts = s.items.map((item) => {
    if (item.kind === 'SelectStarItem') return item.qualifier === undefined ? '*' : `${printName(item.qualifier, false)}.*`;
    const alias = item.alias ? ` AS ${printIdentifier(item.alias)}` : '';
    return `${expressions.print(item.expr)}${alias}${item.primaryKey ? ' PRIMARY KEY' : ''}`;
  });
  const oneLine = itemTexts.join(', ');
  // long top-level select lists read better one item per line
  const head = s.distinct ? 'SELECT DISTINCT' : 'SELECT';
  const lines = [nested || oneLine.length <= 80 ? `${head} ${oneLine}` : `${head}\n  ${itemTexts.join(',\n  ')}`];
  if (s.from) {
    const alias = s.from.alias ? ` AS ${printIdentifier(s.from.alias)}` : '';
    const props = s.from.withProps.length > 0 ? ` ${printProperties(s.from.withProps)}` : '';
    lines.push(`FROM ${printRelation(s.from.source)}${alias}${props}`);
  }
  for (const j of s.joins) {
    let text = `${JOIN_WORDS[j.joinType]} ${printRelation(j.source)}${j.alias ? ` AS ${printIdentifier(j.alias)}` : ''}`;
    if (j.on) text += ` ON ${expressions.print(j.on)}`;
    if (j.using) text += ` USING (${j.using.map(printIdentifier).join(', ')})`;
    if (j.within) text += ` WITHIN ${printDuration(j.within)}`;
    lines.push(text);
  }
  if (s.where) lines.push(`WHERE ${expressions.print(s.where)}`);
  if (s.groupBy.length > 0) lines.push(`GROUP BY ${expressions.list(s.groupBy)}`);
  if (s.window) lines.push(`WINDOW ${printWindow(s.window)}`);
  if (s.having) lines.push(`HAVING ${expressions.print(s.having)}`);
  if (s.namedWindows.length > 0) {
    lines.push(`WINDOW ${s.namedWindows.map((w) => `${printIdentifier(w.name)} AS ${expressions.windowSpecBody(w.spec)}`).join(', ')}`);
  }
  if (s.orderBy.length > 0) lines.push(`ORDER BY ${expressions.orderBy(s.orderBy)}`);
  if (s.limit) lines.push(`LIMIT ${s.limit.count}${s.limit.offset === undefined ? '' : ` OFFSET ${s.limit.offset}`}`);
  if (s.emit) lines.push(`EMIT ${s.emit}`);
  if (s.into) lines.push(`INTO ${printRelation(s.into)}`);
  if (s.with.length > 0) lines.push(printProperties(s.with));
  if (s.union) lines.push(`UNION ${s.union.all ? 'ALL ' : ''}${printSelect(s.union.select, nested)}`);
  return lines.join(nl);
}

function printColumns(columns: readonly ColumnDef[], constraint: readonly string[]): string {
  const lines = columns.map((c) => `  ${printIdentifier(c.name)} ${printType(c.type)}${c.notNull ? ' NOT NULL' : ''}${c.primaryKey ? ' PRIMARY KEY' : ''}`);
  if (constraint.length > 0) lines.push(`  PRIMARY KEY (${constraint.join(', ')})`);
  return `(\n${lines.join(',\n')}\n)`;
}

/** A statement without its annotations and without a trailing `;`. */
export function printStatementBody(st: Statement): string {
  switch (st.kind) {
    case 'CreateStreamAs':
    case 'CreateTableAs': {
      const what = st.kind === 'CreateStreamAs' ? 'STREAM' : 'TABLE';
      const columns = st.columns ? ` ${printColumns(st.columns, [])}` : '';
      return `CREATE ${st.orReplace ? 'OR REPLACE ' : ''}${what} ${st.ifNotExists ? 'IF NOT EXISTS ' : ''}${printIdentifier(st.name)}${columns} AS\n${printSelect(st.query)}`;
    }
    case 'CreateStream':
    case 'CreateTable': {
      const what = st.kind === 'CreateStream' ? 'STREAM' : 'TABLE';
      const inline = new Set(st.columns.filter((c) => c.primaryKey).map((c) => c.name.name));
      const constraint = st.primaryKey.filter((k) => !inline.has(k.name)).map(printIdentifier);
      const props = st.with.length > 0 ? ` ${printProperties(st.with)}` : '';
      return `CREATE ${st.orReplace ? 'OR REPLACE ' : ''}${what} ${st.ifNotExists ? 'IF NOT EXISTS ' : ''}${printIdentifier(st.name)} ${printColumns(st.columns, constraint)}${props}`;
    }
    case 'InsertInto': {
      const columns = st.columns ? ` (${st.columns.map(printIdentifier).join(', ')})` : '';
      return `INSERT INTO ${printRelation(st.target)}${columns}\n${printSelect(st.query)}`;
    }
    case 'SelectStatement':
      return printSelect(st.query);
    case 'DropStatement':
      return `DROP ${st.objectType} ${st.ifExists ? 'IF EXISTS ' : ''}${printIdentifier(st.name)}`;
    case 'ShowStatement': {
      let text = `${st.verb} ${st.subject}`;
      if (st.targetType) text += ` ${st.targetType}`;
      if (st.target) text += ` ${printIdentifier(st.target)}`;
      if (st.pattern !== undefined) text += ` LIKE ${printString(st.pattern)}`;
      return text;
    }
    case 'DescribeStatement':
      return `DESCRIBE ${st.objectType ? `${st.objectType} ` : ''}${printIdentifier(st.name)}`;
    case 'ExplainStatement':
      return `EXPLAIN ${printStatementBody(st.statement)}`;
    case 'StartJob':
      return `START ${st.jobWord} ${printIdentifier(st.name)} AS\n${printStatementBody(st.body)}`;
    case 'StopJob':
      return `STOP ${st.jobWord} ${printIdentifier(st.name)}${st.force ? ' FORCE' : ''}`;
    case 'PauseJob':
      return `PAUSE ${st.jobWord} ${printIdentifier(st.name)}`;
    case 'ResumeJob':
      return `RESUME ${st.jobWord} ${printIdentifier(st.name)}`;
    case 'DeployJob': {
      const s = st.strategy;
      const strategy = s === undefined ? '' : `\nSTRATEGY ${s.kind === 'CANARY' ? `CANARY(${s.percentage})` : s.kind}`;
      return `DEPLOY ${st.jobWord} ${printIdentifier(st.name)} VERSION ${printString(st.version)} AS\n${printStatementBody(st.body)}${strategy}`;
    }
    case 'RollbackJob':
      return `ROLLBACK ${st.jobWord} ${printIdentifier(st.name)}${st.version !== undefined ? ` VERSION ${printString(st.version)}` : ''}`;
  }
}

const HEADER_LABELS: Readonly<Record<string, string>> = {
  sql_application: 'SQL Application',
  version: 'Version',
  description: 'Description',
  author: 'Author',
  dependencies: 'Dependencies',
  tag: 'Tag',
  name: 'Name',
};

/** An annotation line as a comment: `-- @key: value`, `-- Version: 2`, `-- Property: k=v`. */
export function printAnnotation(a: RawAnnotation): string {
  if (a.form === 'property') return `-- Property: ${a.value}`;
  if (a.form === 'header') return `-- ${HEADER_LABELS[a.key] ?? a.key}: ${a.value}`;
  return a.value === '' ? `-- @${a.key}` : `-- @${a.key}: ${a.value}`;
}

/** A statement with its annotation lines above it and a trailing `;`. */
export function printStatement(st: Statement): string {
  const lines = st.annotations.raw.map(printAnnotation);
  lines.push(`${printStatementBody(st)};`);
  return lines.join('\n');
}

/** A whole script: file annotations, a blank line, then each statement separated by a blank line. */
export function printScript(script: Script): string {
  const blocks: string[] = [];
  if (script.annotations.raw.length > 0) blocks.push(script.annotations.raw.map(printAnnotation).join('\n'));
  for (const st of script.statements) blocks.push(printStatement(st));
  return blocks.join('\n\n') + '\n';
}
