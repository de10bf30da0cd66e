import { ErrorCodes, VeloError } from './errors.js';
import { assertUniqueNames, field, formatSqlType, sqlTypeEquals, type Field, type SqlType } from './types.js';

/** An ordered list of named, typed fields: the shape of every row in a stream, table or batch. */
export class Schema {
  readonly fields: readonly Field[];
  private readonly indexByName: ReadonlyMap<string, number>;

  constructor(fields: readonly Field[]) {
    assertUniqueNames(fields, 'Schema');
    this.fields = Object.freeze([...fields]);
    this.indexByName = new Map(fields.map((f, i) => [f.name, i]));
    Object.freeze(this);
  }

  /** Builds a schema from `[name, type]` pairs (all nullable). */
  static of(...columns: readonly (readonly [string, SqlType])[]): Schema {
    return new Schema(columns.map(([name, type]) => field(name, type)));
  }

  static readonly EMPTY = new Schema([]);

  get length(): number {
    return this.fields.length;
  }

  get names(): readonly string[] {
    return this.fields.map((f) => f.name);
  }

  /** Index of the field named exactly `name`, or -1. */
  indexOf(name: string): number {
    return this.indexByName.get(name) ?? -1;
  }

  /** The field named `name`, or undefined. */
  find(name: string): Field | undefined {
    const i = this.indexByName.get(name);
    return i === undefined ? undefined : this.fields[i];
  }

  /** The field at `index`; throws INVALID_ARGUMENT when out of range. */
  at(index: number): Field {
    const f = this.fields[index];
    if (!f) throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `schema has no field #${index} (it has ${this.length})`);
    return f;
  }

  /** The field named `name`; throws INVALID_ARGUMENT naming the known fields when missing. */
  get(name: string): Field {
    const f = this.find(name);
    if (!f) {
      throw new VeloError(ErrorCodes.INVALID_ARGUMENT, `schema has no field '${name}' (fields: ${this.names.join(', ')})`);
    }
    return f;
  }

  /** A new schema with `extra` appended. */
  append(...extra: readonly Field[]): Schema {
    return new Schema([...this.fields, ...extra]);
  }

  /** A new schema with only the fields at `indexes`, in that order. */
  project(indexes: readonly number[]): Schema {
    return new Schema(indexes.map((i) => this.at(i)));
  }

  equals(other: Schema): boolean {
    return (
      this.fields.length === other.fields.length &&
      this.fields.every((f, i) => {
        const g = other.fields[i];
        return g !== undefined && f.name === g.name && f.nullable === g.nullable && sqlTypeEquals(f.type, g.type);
      })
    );
  }

  /** `(name TYPE, name TYPE NOT NULL, …)`. */
  toString(): string {
    return `(${this.fields.map((f) => `${f.name} ${formatSqlType(f.type)}${f.nullable ? '' : ' NOT NULL'}`).join(', ')})`;
  }
}
