// Vocabulary of the compatibility engine: rules, changes, findings.
//
// Directions (schema-evolution.md A2): BACKWARD = new code reads data written with the old schema
// (replay, rebuild); FORWARD = old code reads data written with the new schema (rollback, other
// services). A change carries a verdict for both, so one diff answers either question.

import type { JsonValue } from '../../model/types.js';

export type Direction = 'backward' | 'forward';
/** What the gate asks: one direction, or both (`full`). */
export type Compatibility = Direction | 'full';

/**
 * wire: data written under one schema may be rejected under the other.
 * semantic: the data still validates but means something else (unit, default, format reading).
 * code: data is fine, generated code changes shape (a renamed type): reported as a warning.
 * envelope: the event type or version history itself (registry level, not a schema diff).
 */
export type RuleCategory = 'wire' | 'semantic' | 'code' | 'envelope';

/** Static verdict documented for a rule; `depends` = decided per change (content model, sub-schemas). */
export type RuleVerdict = 'breaking' | 'compatible' | 'depends';

export interface RuleInfo {
  /** buf-style stable id, e.g. REQUIRED_PROPERTY_ADDED. */
  id: string;
  category: RuleCategory;
  summary: string;
  backward: RuleVerdict;
  forward: RuleVerdict;
  /** Where the fact comes from (schema-evolution.md Part B row). */
  ref: string;
  /** What the user should do when it fires. */
  advice: string;
}

/** One difference between two schemas, with whether it breaks each direction. */
export interface Change {
  rule: string;
  /** JSON pointer into the new schema (into the old one for removals). */
  path: string;
  message: string;
  breaksBackward: boolean;
  breaksForward: boolean;
}

export interface ComparisonResult {
  compatible: boolean;
  /** Changes that break the requested direction(s), code-category ones excluded. */
  breaking: Change[];
  /** Every change found, breaking or not, in a stable order (path, then rule). */
  changes: Change[];
}

export type Schema = { [key: string]: JsonValue } | boolean;
/** A schema after `$ref` resolution: an object, or `false` (accepts nothing). */
export type Resolved = { [key: string]: JsonValue } | false;

export interface CompareOptions {
  /** Property names that were removed once and may never come back (Event.reserved). */
  reserved?: readonly string[];
}
