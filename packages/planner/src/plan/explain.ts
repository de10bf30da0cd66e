import { formatSqlType, type Schema } from '@velots/core';
import type { BoundExpr } from '../bind/bound-expr.js';
import type { JobPlan } from './job-plan.js';
import type { PhysicalNode } from './physical-plan.js';

/** Prints a bound expression as SQL-like text with resolved names (`price * CAST(qty AS DECIMAL(19,0))`). */
export function formatBoundExpr(expr: BoundExpr): string {
  switch (expr.kind) {
    case 'Literal':
      return expr.value === null
        ? 'NULL'
        : typeof expr.value === 'string'
          ? `'${expr.value.replace(/'/g, "''")}'`
          : expr.type.kind === 'INTERVAL'
            ? `INTERVAL ${String(expr.value)}ms`
            : String(expr.value);
    case 'Column':
      return `${expr.name}#${expr.index}`;
    case 'SystemColumn':
      return expr.column;
    case 'Call':
      return `${expr.fn.name}(${expr.args.map(formatBoundExpr).join(', ')})`;
    case 'Cast':
      return `CAST(${formatBoundExpr(expr.input)} AS ${formatSqlType(expr.type)})`;
    case 'Arithmetic':
    case 'Comparison':
      return `(${formatBoundExpr(expr.left)} ${expr.op} ${formatBoundExpr(expr.right)})`;
    case 'Concat':
      return `(${formatBoundExpr(expr.left)} || ${formatBoundExpr(expr.right)})`;
    case 'Negate':
      return `-${formatBoundExpr(expr.input)}`;
    case 'And':
    case 'Or':
      return `(${expr.args.map(formatBoundExpr).join(expr.kind === 'And' ? ' AND ' : ' OR ')})`;
    case 'Not':
      return `NOT ${formatBoundExpr(expr.input)}`;
    case 'IsNull':
      return `${formatBoundExpr(expr.input)} IS ${expr.negated ? 'NOT ' : ''}NULL`;
    case 'IsTruth':
      return `${formatBoundExpr(expr.input)} IS ${expr.negated ? 'NOT ' : ''}${expr.value ? 'TRUE' : 'FALSE'}`;
    case 'IsDistinct':
      return `${formatBoundExpr(expr.left)} IS ${expr.negated ? 'NOT ' : ''}DISTINCT FROM ${formatBoundExpr(expr.right)}`;
    case 'InList':
      return `${formatBoundExpr(expr.input)} ${expr.negated ? 'NOT ' : ''}IN (${expr.list.map(formatBoundExpr).join(', ')})`;
    case 'Between':
      return `${formatBoundExpr(expr.input)} ${expr.negated ? 'NOT ' : ''}BETWEEN ${formatBoundExpr(expr.low)} AND ${formatBoundExpr(expr.high)}`;
    case 'Like':
      return `${formatBoundExpr(expr.input)} ${expr.negated ? 'NOT ' : ''}${expr.caseInsensitive ? 'ILIKE' : 'LIKE'} ${formatBoundExpr(expr.pattern)}`;
    case 'Subquery':
      return `${expr.input ? `${formatBoundExpr(expr.input)} ${expr.negated ? 'NOT ' : ''}${expr.mode === 'in' ? 'IN' : `${expr.op} ${expr.mode.toUpperCase()}`} ` : expr.negated ? 'NOT ' : ''}${
        expr.mode === 'exists' ? 'EXISTS ' : ''
      }(subquery ${expr.stream})`;
    case 'InSet':
      return `${formatBoundExpr(expr.input)} ${expr.negated ? 'NOT ' : ''}IN (${expr.keys.size}${expr.hasNull ? ' + NULL' : ''} values)`;
    case 'Case':
      return `CASE ${expr.whens.map((w) => `WHEN ${formatBoundExpr(w.when)} THEN ${formatBoundExpr(w.then)}`).join(' ')}${
        expr.otherwise ? ` ELSE ${formatBoundExpr(expr.otherwise)}` : ''
      } END`;
  }
}

function formatSchema(schema: Schema): string {
  return schema.fields.map((f) => `${f.name} ${formatSqlType(f.type)}`).join(', ');
}

function formatNode(node: PhysicalNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  switch (node.kind) {
    case 'Scan':
      lines.push(`${pad}Scan ${node.input} → (${formatSchema(node.schema)})`);
      return;
    case 'FilterProject': {
      const parts: string[] = [];
      if (node.predicate) parts.push(`filter: ${formatBoundExpr(node.predicate)}`);
      if (node.columns) parts.push(`project: ${node.columns.map((c) => `${formatBoundExpr(c.expr)} AS ${c.name}`).join(', ')}`);
      if (node.eventTime) parts.push(`event time: ${formatBoundExpr(node.eventTime)}`);
      lines.push(`${pad}FilterProject [${parts.join('; ')}] → (${formatSchema(node.schema)})`);
      formatNode(node.input, depth + 1, lines);
      return;
    }
    case 'Aggregate': {
      const window = node.window
        ? node.window.kind === 'tumbling'
          ? `TUMBLING ${node.window.sizeMs}ms`
          : node.window.kind === 'sliding'
            ? `SLIDING ${node.window.sizeMs}ms every ${node.window.advanceMs}ms`
            : `SESSION gap ${node.window.gapMs}ms`
        : 'no window';
      const time = node.window?.time ? ` on ${formatBoundExpr(node.window.time)}` : '';
      lines.push(
        `${pad}Aggregate [keys: ${node.keys.map((k) => `${formatBoundExpr(k.expr)} AS ${k.name}`).join(', ') || '()'}; ` +
          `aggregates: ${node.calls.map((c) => `${c.text}: ${formatSqlType(c.type)}`).join(', ') || '()'}; ${window}${time}; ` +
          `EMIT ${node.emit}; out-of-orderness ${node.watermark.maxOutOfOrdernessMs}ms]`,
      );
      formatNode(node.input, depth + 1, lines);
      return;
    }
    case 'LookupJoin':
      lines.push(
        `${pad}LookupJoin ${node.joinType} ${node.table} [keys: ${node.leftKeys.map((k, i) => `${formatBoundExpr(k)} = ${node.table}.${formatBoundExpr(node.rightKeys[i]!)}`).join(', ') || '()'}${
          node.residual ? `; on: ${formatBoundExpr(node.residual)}` : ''
        }] → (${formatSchema(node.schema)})`,
      );
      formatNode(node.input, depth + 1, lines);
      return;
    case 'IntervalJoin':
      lines.push(
        `${pad}IntervalJoin ${node.joinType} ${node.stream} [keys: ${node.leftKeys.map((k, i) => `${formatBoundExpr(k)} = ${node.stream}.${formatBoundExpr(node.rightKeys[i]!)}`).join(', ') || '()'}; ` +
          `time: ${node.rightTime ? `${node.stream}.${formatBoundExpr(node.rightTime)}` : 'right'} − ${node.leftTime ? formatBoundExpr(node.leftTime) : 'left'} in [${node.lowerMs}, ${node.upperMs}] ms; retention ${node.retentionMs} ms${node.residual ? `; on: ${formatBoundExpr(node.residual)}` : ''}] → (${formatSchema(node.schema)})`,
      );
      formatNode(node.input, depth + 1, lines);
      return;
    case 'SubqueryLookup': {
      const keys = node.outerKeys.map((k, i) => `${formatBoundExpr(k)} = ${node.stream}.${formatBoundExpr(node.innerKeys[i]!)}`).join(', ') || '()';
      const residual = node.residual ? `; where: ${formatBoundExpr(node.residual)}` : '';
      lines.push(`${pad}SubqueryLookup ${node.negated ? 'NOT ' : ''}${node.mode} ${node.stream} [keys: ${keys}${residual}${node.keyedOnly ? '; once per key' : ''}] ${node.text} → (${formatSchema(node.schema)})`);
      formatNode(node.input, depth + 1, lines);
      return;
    }
    case 'Analytic':
      for (const window of node.windows) {
        const spec = [
          window.bufferRows !== undefined ? `buffer ${window.bufferRows} rows` : '',
          window.partitionBy.length > 0 ? `partition by ${window.partitionBy.map(formatBoundExpr).join(', ')}` : '',
          window.orderBy.length > 0 ? `order by ${window.orderBy.map((k) => `${formatBoundExpr(k.expr)}${k.descending ? ' DESC' : ''}`).join(', ')}` : '',
          node.rowNumberLimit !== undefined ? `keeps the first ${node.rowNumberLimit} per partition` : '',
        ].filter((part) => part !== '');
        lines.push(`${pad}Analytic [${window.calls.map((c) => `${c.text}: ${formatSqlType(c.type)}`).join(', ')}; over (${spec.join('; ')})]`);
      }
      formatNode(node.input, depth + 1, lines);
      return;
    case 'Distinct':
      lines.push(`${pad}Distinct`);
      formatNode(node.input, depth + 1, lines);
      return;
    case 'Sort':
      lines.push(
        `${pad}Sort [${node.keys.map((k) => `${formatBoundExpr(k.expr)} ${k.descending ? 'DESC' : 'ASC'} NULLS ${k.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}]`,
      );
      formatNode(node.input, depth + 1, lines);
      return;
    case 'Limit':
      lines.push(`${pad}Limit ${node.count}${node.offset ? ` offset ${node.offset}` : ''}`);
      formatNode(node.input, depth + 1, lines);
      return;
  }
}

/** EXPLAIN output: the job header, then the physical plan as an indented tree with types. */
export function explainJob(job: JobPlan): string {
  const lines = [`Job ${job.name} (${job.statementKind})`];
  for (const input of job.inputs) {
    lines.push(`  input ${input.name}${input.alias !== input.name ? ` AS ${input.alias}` : ''}: ${input.origin === 'stream' ? 'in-process stream' : input.connector?.type ?? '?'}`);
  }
  lines.push(`  sink: ${job.sink ? `${job.sink.name} (${job.sink.type})` : '(caller)'}`);
  lines.push(`  failure strategy: ${job.failureStrategy}${job.deadLetter ? ` → ${job.deadLetter.name}` : ''}`);
  formatNode(job.root, 1, lines);
  return lines.join('\n');
}
