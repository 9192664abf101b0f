// B4: rules about event types and version history, checked by the gate against the registry
// (no schema diff can see them). Their detection lives in generator/schemas/gate/.

import type { RuleInfo } from '../types.js';

export const envelopeRules: RuleInfo[] = [
  { id: 'TYPE_REMOVED', category: 'envelope', summary: 'a released event type is gone from the model; stored streams can no longer be replayed', backward: 'breaking', forward: 'breaking', ref: 'B4 #37', advice: 'keep the event in the model and mark it `retired: true` (no command emits it, stored streams still replay it), or migrate the stored streams first' },
  { id: 'TYPE_RENAMED', category: 'envelope', summary: 'a released event type seems renamed; stored events carry the old type string', backward: 'breaking', forward: 'breaking', ref: 'B4 #32', advice: 'keep the old name; a rename needs a stream migration, not a schema change' },
  { id: 'EVENT_CONTEXT_CHANGED', category: 'envelope', summary: 'a released event moved to another bounded context', backward: 'breaking', forward: 'breaking', ref: 'B4 #32', advice: 'keep the event in its released context' },
  { id: 'RELEASED_SCHEMA_MODIFIED', category: 'envelope', summary: 'a released version was changed in place (model or registry file)', backward: 'breaking', forward: 'breaking', ref: 'A2 policy (immutable releases)', advice: 'restore the released version and describe the change as a new version' },
  { id: 'VERSION_HISTORY_MISSING', category: 'envelope', summary: 'a released version is neither the current version nor listed under previousVersions', backward: 'breaking', forward: 'breaking', ref: 'A2 upcasting', advice: 'list the released version under previousVersions with its fields and how it becomes the next one' },
  { id: 'UPCAST_DEFAULT_INVALID', category: 'envelope', summary: 'an upcast default is missing for a field the next version requires, or does not fit its schema', backward: 'breaking', forward: 'compatible', ref: 'B1 #2', advice: 'declare a default that validates against the new field (defaults: { field: value })' },
  { id: 'UPCAST_RENAME_INVALID', category: 'envelope', summary: 'an upcast rename names a field missing from the old or the new version', backward: 'breaking', forward: 'compatible', ref: 'B1 #9', advice: 'renames map an old field name to a new field name: renames: { old: new }' },
];
