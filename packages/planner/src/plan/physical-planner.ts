import type { LogicalPlan } from './logical-plan.js';
import type { PhysicalNode } from './physical-plan.js';

/**
 * Chooses the physical operators: a Filter and the Project above it fuse into one FilterProject
 * pass (one compiled loop per batch); Scan and Limit map one to one.
 */
export function toPhysical(plan: LogicalPlan): PhysicalNode {
  switch (plan.kind) {
    case 'Scan':
      return { kind: 'Scan', input: plan.input, schema: plan.schema };
    case 'Filter':
      return { kind: 'FilterProject', input: toPhysical(plan.input), predicate: plan.predicate, columns: undefined, eventTime: undefined, schema: plan.schema };
    case 'Project': {
      if (plan.input.kind === 'Filter') {
        return {
          kind: 'FilterProject',
          input: toPhysical(plan.input.input),
          predicate: plan.input.predicate,
          columns: plan.columns,
          eventTime: plan.eventTime,
          schema: plan.schema,
        };
      }
      return { kind: 'FilterProject', input: toPhysical(plan.input), predicate: undefined, columns: plan.columns, eventTime: plan.eventTime, schema: plan.schema };
    }
    case 'Aggregate':
      return { ...plan, input: toPhysical(plan.input) };
    case 'LookupJoin':
    case 'IntervalJoin':
    case 'SubqueryLookup':
      return { ...plan, input: toPhysical(plan.input) };
    case 'Analytic':
      return { ...plan, input: toPhysical(plan.input) };
    case 'Distinct':
      return { kind: 'Distinct', input: toPhysical(plan.input), schema: plan.schema };
    case 'Sort':
      return { kind: 'Sort', input: toPhysical(plan.input), keys: plan.keys, schema: plan.schema };
    case 'Limit':
      return { kind: 'Limit', input: toPhysical(plan.input), count: plan.count, ...(plan.offset ? { offset: plan.offset } : {}), schema: plan.schema };
  }
}
