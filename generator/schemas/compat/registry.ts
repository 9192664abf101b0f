// The registry of named compatibility rules: every rule the engine can report, with its
// documented verdicts. Tests require one passing and one failing fixture per entry.

import type { RuleInfo } from './types.js';
import type { RuleFamily } from './walk.js';
import { annotationRules, annotationsFamily } from './rules/annotations.js';
import { arrayRules, arraysFamily } from './rules/arrays.js';
import { boundRules, boundsFamily } from './rules/bounds.js';
import { combinatorRules, combinatorsFamily } from './rules/combinators.js';
import { enumConstFamily, enumConstRules } from './rules/enum-const.js';
import { envelopeRules } from './rules/envelope.js';
import { jsonTypeFamily, jsonTypeRules } from './rules/json-type.js';
import { contentModelFamily, contentModelRules } from './rules/object-content-model.js';
import { objectPropertiesFamily, objectPropertyRules } from './rules/object-properties.js';
import { stringPatternFormatFamily, stringPatternFormatRules } from './rules/string-pattern-format.js';

/** Schema-diff families, in the order their findings are produced at a node. */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  jsonTypeFamily,
  objectPropertiesFamily,
  contentModelFamily,
  combinatorsFamily,
  enumConstFamily,
  stringPatternFormatFamily,
  boundsFamily,
  arraysFamily,
  annotationsFamily,
];

/** Every rule, schema-level and envelope-level, by id. */
export const RULES: ReadonlyMap<string, RuleInfo> = new Map(
  [
    ...jsonTypeRules,
    ...objectPropertyRules,
    ...contentModelRules,
    ...combinatorRules,
    ...enumConstRules,
    ...stringPatternFormatRules,
    ...boundRules,
    ...arrayRules,
    ...annotationRules,
    ...envelopeRules,
  ].map((r) => [r.id, r]),
);

export function ruleInfo(id: string): RuleInfo {
  const info = RULES.get(id);
  if (!info) throw new Error(`unknown compatibility rule ${id}`);
  return info;
}
