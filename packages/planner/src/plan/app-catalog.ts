import type { Schema } from '@velots/core';
import type { SourceDeclaration } from './job-plan.js';

/** What the app knows by name: streams and tables produced by earlier statements or declared with columns. */
export interface AppCatalogEntry {
  readonly name: string;
  readonly origin: 'stream' | 'declared';
  readonly schema: Schema;
  /** A TABLE (CTAS or CREATE TABLE): JOINs look it up by key. */
  readonly table: boolean;
  readonly primaryKey: readonly string[];
  readonly declaration?: SourceDeclaration | undefined;
}

