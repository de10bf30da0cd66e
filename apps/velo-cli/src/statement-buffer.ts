/**
 * Collects shell input until statements end with `;` (outside quotes and comments), so a statement may
 * span lines and a line may hold several statements.
 */
export class StatementBuffer {
  private text = '';

  /** True while part of a statement is waiting for its `;`. */
  get pending(): boolean {
    return this.text.trim().length > 0;
  }

  /** Adds a line; returns the statements it completed, without their `;`. */
  push(line: string): string[] {
    this.text += this.text.length > 0 ? `\n${line}` : line;
    const done: string[] = [];
    let start = 0;
    let quote: string | undefined;
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"' || c === '`') {
        quote = c;
      } else if (c === '-' && this.text[i + 1] === '-') {
        const end = this.text.indexOf('\n', i);
        i = end === -1 ? this.text.length : end;
      } else if (c === ';') {
        const statement = this.text.slice(start, i).trim();
        if (statement.length > 0) done.push(statement);
        start = i + 1;
      }
    }
    this.text = this.text.slice(start);
    if (this.text.trim().length === 0) this.text = '';
    return done;
  }

  /** Drops an unfinished statement. */
  clear(): void {
    this.text = '';
  }
}
