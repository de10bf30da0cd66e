import { Scope, type ScopeColumn } from './scope.js';

/**
 * The scope of a correlated subquery: its own columns first, then the enclosing query's (standard SQL
 * name resolution). Expressions bound over it read the joined row `[outer…, inner…]`: the enclosing
 * query's columns keep their positions and the subquery's own follow them.
 */
export class NestedScope extends Scope {
  constructor(
    own: readonly ScopeColumn[],
    private readonly outer: Scope,
  ) {
    super(own);
  }

  /** `own` (a scope over the subquery's input alone) shifted past the `outerWidth` columns of the enclosing row. */
  static over(own: Scope, outer: Scope, outerWidth: number): NestedScope {
    return new NestedScope(own.columns.map((c) => ({ ...c, index: c.index + outerWidth })), outer);
  }

  override find(name: string, qualifier: string | undefined): ScopeColumn[] {
    const own = super.find(name, qualifier);
    // A qualifier of the subquery's own input hides an enclosing one of the same name.
    if (own.length > 0 || (qualifier !== undefined && super.hasQualifier(qualifier))) return own;
    return this.outer.find(name, qualifier);
  }

  override hasQualifier(qualifier: string): boolean {
    return super.hasQualifier(qualifier) || this.outer.hasQualifier(qualifier);
  }

  override knownNames(): string[] {
    return [...new Set([...super.knownNames(), ...this.outer.knownNames()])];
  }
}
