/**
 * The text of a generated function body under construction: its statements, the temporaries `tN` they
 * assign (declared once at the top), and the constants array `k` that carries every value the code refers
 * to, so nothing from the SQL text is spliced into the source.
 */
export class GeneratedCode {
  readonly constants: unknown[] = [];
  private readonly lines: string[] = [];
  private tempCount = 0;
  private indent = '      ';

  /** The generated statements so far. */
  code(): string {
    return this.lines.join('\n');
  }

  /** `let t0, t1, …;` for the function head. */
  declarations(): string {
    if (this.tempCount === 0) return '';
    const names: string[] = [];
    for (let i = 0; i < this.tempCount; i++) names.push(`t${i}`);
    return `let ${names.join(', ')};`;
  }

  /** Adds a raw line we wrote ourselves (loop scaffolding). */
  line(text: string): void {
    this.lines.push(this.indent + text);
  }

  /** Registers a constant and returns its reference. */
  constant(value: unknown): string {
    this.constants.push(value);
    return `k[${this.constants.length - 1}]`;
  }

  /** A fresh temporary's name (declared by `declarations()`). */
  protected temp(): string {
    return `t${this.tempCount++}`;
  }

  /** Emits `tN = valueCode;` into a fresh temporary and returns its name. */
  protected assign(valueCode: string): string {
    const name = this.temp();
    this.line(`${name} = ${valueCode};`);
    return name;
  }
}
