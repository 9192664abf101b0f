// B1 #10-13: the content model of an object (additionalProperties, patternProperties) and
// dependencies between properties.

import type { JsonValue } from '../../../model/types.js';
import type { RuleInfo } from '../types.js';
import { isObject, jsonEqual, seg, type RuleFamily, type SchemaObject } from '../walk.js';

export const contentModelRules: RuleInfo[] = [
  { id: 'ADDITIONAL_PROPERTIES_REMOVED', category: 'wire', summary: 'an open object was closed (additionalProperties: false)', backward: 'breaking', forward: 'compatible', ref: 'B1 #10', advice: 'keep the object open, or bump the version' },
  { id: 'ADDITIONAL_PROPERTIES_ADDED', category: 'wire', summary: 'a closed object was opened', backward: 'compatible', forward: 'breaking', ref: 'B1 #11', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'ADDITIONAL_PROPERTIES_NARROWED', category: 'wire', summary: 'the additionalProperties schema accepts less than before', backward: 'breaking', forward: 'depends', ref: 'B1 #12', advice: 'keep the old additionalProperties schema, or bump the version' },
  { id: 'ADDITIONAL_PROPERTIES_EXTENDED', category: 'wire', summary: 'the additionalProperties schema accepts more than before', backward: 'compatible', forward: 'breaking', ref: 'B1 #12', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'PATTERN_PROPERTY_ADDED', category: 'wire', summary: 'a patternProperties entry was added', backward: 'depends', forward: 'depends', ref: 'B1 #14', advice: 'make the pattern schema accept what additionalProperties accepted, or bump the version' },
  { id: 'PATTERN_PROPERTY_REMOVED', category: 'wire', summary: 'a patternProperties entry was removed', backward: 'depends', forward: 'depends', ref: 'B1 #14', advice: 'keep the pattern, or bump the version' },
  { id: 'PATTERN_PROPERTY_CHANGED', category: 'wire', summary: 'the schema of a patternProperties entry changed incompatibly', backward: 'depends', forward: 'depends', ref: 'B1 #14', advice: 'keep the pattern schema compatible, or bump the version' },
  { id: 'DEPENDENT_REQUIRED_ADDED', category: 'wire', summary: 'a dependentRequired/dependencies constraint was added', backward: 'breaking', forward: 'compatible', ref: 'B1 #13', advice: 'drop the dependency, or bump the version and fill the dependent fields in the upcast' },
  { id: 'DEPENDENT_REQUIRED_REMOVED', category: 'wire', summary: 'a dependentRequired/dependencies constraint was removed', backward: 'compatible', forward: 'breaking', ref: 'B1 #13', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
];

/** additionalProperties as a schema: absent/true = {} (anything), false = nothing. */
const additional = (s: SchemaObject): JsonValue => (s.additionalProperties === undefined ? true : s.additionalProperties);
const isOpen = (v: JsonValue): boolean => v === true || (isObject(v) && Object.keys(v).length === 0);

/** dependentRequired (2020-12) and the array form of draft-07 `dependencies`, merged. */
function dependentRequired(s: SchemaObject): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const source of [s.dependentRequired, s.dependencies]) {
    if (!isObject(source)) continue;
    for (const [key, value] of Object.entries(source)) {
      if (!Array.isArray(value)) continue;
      const set = out.get(key) ?? new Set<string>();
      for (const v of value) if (typeof v === 'string') set.add(v);
      out.set(key, set);
    }
  }
  return out;
}

export const contentModelFamily: RuleFamily = {
  name: 'object-content-model',
  check(pair, walk) {
    const ao = additional(pair.old);
    const an = additional(pair.new);
    if (!jsonEqual(ao, an) && !(isOpen(ao) && isOpen(an))) {
      const path = `${pair.path}/additionalProperties`;
      if (isOpen(ao) && an === false) {
        walk.report({ rule: 'ADDITIONAL_PROPERTIES_REMOVED', path, message: 'object closed: stored data with extra properties is rejected', breaksBackward: true, breaksForward: false });
      } else if (ao === false && isOpen(an)) {
        walk.report({ rule: 'ADDITIONAL_PROPERTIES_ADDED', path, message: 'object opened: old readers reject extra properties', breaksBackward: false, breaksForward: true });
      } else {
        const v = walk.verdict(ao, an, path);
        if (v.breaksBackward || v.breaksForward) {
          walk.report({
            rule: v.breaksBackward ? 'ADDITIONAL_PROPERTIES_NARROWED' : 'ADDITIONAL_PROPERTIES_EXTENDED',
            path,
            message: v.breaksBackward ? 'additionalProperties accepts less than before' : 'additionalProperties accepts more than before',
            ...v,
          });
        }
      }
    }

    const po = isObject(pair.old.patternProperties) ? pair.old.patternProperties : {};
    const pn = isObject(pair.new.patternProperties) ? pair.new.patternProperties : {};
    for (const pattern of [...new Set([...Object.keys(po), ...Object.keys(pn)])]) {
      const path = `${pair.path}/patternProperties/${seg(pattern)}`;
      // Names matching an added pattern used to fall under additionalProperties, and back.
      const [rule, oldSide, newSide] =
        pattern in po && pattern in pn
          ? ['PATTERN_PROPERTY_CHANGED', po[pattern], pn[pattern]]
          : pattern in pn
            ? ['PATTERN_PROPERTY_ADDED', ao, pn[pattern]]
            : ['PATTERN_PROPERTY_REMOVED', po[pattern], an];
      const v = walk.verdict(oldSide, newSide, path);
      if (v.breaksBackward || v.breaksForward) walk.report({ rule, path, message: `patternProperties "${pattern}": ${rule.toLowerCase().replace(/_/g, ' ')}`, ...v });
    }

    const dOld = dependentRequired(pair.old);
    const dNew = dependentRequired(pair.new);
    for (const key of [...new Set([...dOld.keys(), ...dNew.keys()])].sort()) {
      const o = dOld.get(key) ?? new Set<string>();
      const n = dNew.get(key) ?? new Set<string>();
      const added = [...n].filter((x) => !o.has(x));
      const removed = [...o].filter((x) => !n.has(x));
      const path = `${pair.path}/dependentRequired/${seg(key)}`;
      if (added.length) walk.report({ rule: 'DEPENDENT_REQUIRED_ADDED', path, message: `when "${key}" is present, ${added.join(', ')} now required`, breaksBackward: true, breaksForward: false });
      if (removed.length) walk.report({ rule: 'DEPENDENT_REQUIRED_REMOVED', path, message: `when "${key}" is present, ${removed.join(', ')} no longer required`, breaksBackward: false, breaksForward: true });
    }
  },
};
