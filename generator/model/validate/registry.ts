// The rule registry: every validation rule, one module each under rules/. Adding a rule means
// adding its module, its test (test/unit/validate/<id>.test.ts) and one line here.
import type { Rule } from './rule.js';
import { actorUnused } from './rules/actor-unused.js';
import { aggregateWithoutCommands } from './rules/aggregate-without-commands.js';
import { commandEmitsForeignEvent } from './rules/command-emits-foreign-event.js';
import { commandEmitsNothing } from './rules/command-emits-nothing.js';
import { crossContextRelationship } from './rules/cross-context-relationship.js';
import { crossContextUnpublished } from './rules/cross-context-unpublished.js';
import { draft } from './rules/draft.js';
import { duplicateName } from './rules/duplicate-name.js';
import { elementNameCase } from './rules/element-name-case.js';
import { eventNotEmitted } from './rules/event-not-emitted.js';
import { eventOrigin } from './rules/event-origin.js';
import { eventUnconsumed } from './rules/event-unconsumed.js';
import { eventVersion } from './rules/event-version.js';
import { formerNames } from './rules/former-names.js';
import { fieldConstraint } from './rules/field-constraint.js';
import { fieldNameCase } from './rules/field-name-case.js';
import { fieldType } from './rules/field-type.js';
import { generatedNameClash } from './rules/generated-name-clash.js';
import { hotspotOpen } from './rules/hotspot-open.js';
import { identifierGrammar } from './rules/identifier-grammar.js';
import { lagTarget } from './rules/lag-target.js';
import { messageIdentity } from './rules/message-identity.js';
import { nameCollision } from './rules/name-collision.js';
import { outputNameRule } from './rules/output-name.js';
import { policyCycle } from './rules/policy-cycle.js';
import { policyFieldMapping } from './rules/policy-field-mapping.js';
import { policyReads } from './rules/policy-reads.js';
import { consumedEventNames } from './rules/consumed-event-names.js';
import { projectionKey } from './rules/projection-key.js';
import { referenceKind } from './rules/reference-kind.js';
import { rejectNameCase } from './rules/reject-name-case.js';
import { relationshipTarget } from './rules/relationship-target.js';
import { reservedName } from './rules/reserved-name.js';
import { retiredEventEmitted } from './rules/retired-event-emitted.js';
import { specDataTypes } from './rules/spec-data-types.js';
import { specGivenAggregate } from './rules/spec-given-aggregate.js';
import { specMessageFields } from './rules/spec-message-fields.js';
import { specOutcome } from './rules/spec-outcome.js';
import { strongConsistency } from './rules/strong-consistency.js';
import { unresolvedReference } from './rules/unresolved-reference.js';
import { upcastFields } from './rules/upcast-fields.js';
import { valueObjectCycle } from './rules/value-object-cycle.js';

export const RULES: readonly Rule[] = [
  actorUnused,
  aggregateWithoutCommands,
  commandEmitsForeignEvent,
  commandEmitsNothing,
  consumedEventNames,
  crossContextRelationship,
  crossContextUnpublished,
  draft,
  duplicateName,
  elementNameCase,
  eventNotEmitted,
  eventOrigin,
  eventUnconsumed,
  eventVersion,
  fieldConstraint,
  fieldNameCase,
  fieldType,
  formerNames,
  generatedNameClash,
  hotspotOpen,
  identifierGrammar,
  lagTarget,
  messageIdentity,
  nameCollision,
  outputNameRule,
  policyCycle,
  policyFieldMapping,
  policyReads,
  projectionKey,
  referenceKind,
  rejectNameCase,
  relationshipTarget,
  reservedName,
  retiredEventEmitted,
  specDataTypes,
  specGivenAggregate,
  specMessageFields,
  specOutcome,
  strongConsistency,
  unresolvedReference,
  upcastFields,
  valueObjectCycle,
];
