// B1 rows 1-9 and 14: properties added, removed, made (non-)required, renamed, reused names.
//
// Whether adding or removing a property breaks depends on the content model of the *other*
// schema: a property name that is not declared is governed by `patternProperties` /
// `additionalProperties`. We compare the declared property with that "effective" schema in
// both directions instead of hard-coding Confluent's table, which gives the table's verdicts
// for open and closed objects and the coverage rule for partially open ones.

import type { JsonValue } from '../../../model/types.js';
import type { RuleInfo } from '../types.js';
import { isObject, jsonEqual, seg, type NodePair, type RuleFamily, type SchemaObject, type Walk } from '../walk.js';

export const objectPropertyRules: RuleInfo[] = [
  { id: 'REQUIRED_PROPERTY_ADDED', category: 'wire', summary: 'a required property was added (no default)', backward: 'breaking', forward: 'compatible', ref: 'B1 #1', advice: 'make it optional, or bump the event version and declare a default for the new field in the upcast' },
  { id: 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED', category: 'wire', summary: 'a required property with a JSON Schema default was added; validators do not fill defaults', backward: 'breaking', forward: 'compatible', ref: 'B1 #2', advice: 'bump the event version and declare the default in the upcast so the upcaster fills it' },
  { id: 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', category: 'wire', summary: 'a typed property was added to an open object; old data may already use the name with another type', backward: 'depends', forward: 'compatible', ref: 'B1 #4', advice: 'close the object (additionalProperties: false) in a new version, or give the property the empty schema' },
  { id: 'PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL', category: 'wire', summary: 'a property was added to a closed object; old readers reject the unknown key', backward: 'compatible', forward: 'breaking', ref: 'B1 #3', advice: 'upgrade every consumer before producers write the new field' },
  { id: 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', category: 'wire', summary: 'an added property is not covered by the old patternProperties/additionalProperties schema', backward: 'depends', forward: 'depends', ref: 'B1 #14', advice: 'give the property a schema compatible with the pattern schema, or bump the version' },
  { id: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', category: 'wire', summary: 'a property was removed from a closed object; old data still carries it', backward: 'breaking', forward: 'compatible', ref: 'B1 #5', advice: 'keep the property (mark the field `deprecated: true` or give the reason), or bump the version and drop it in the upcast' },
  { id: 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', category: 'wire', summary: 'a property was removed from an open object; new producers may reuse the name with any type', backward: 'compatible', forward: 'depends', ref: 'B1 #5', advice: 'reserve the name (reserved: [...]) so it is never reused, or keep the property' },
  { id: 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', category: 'wire', summary: 'a removed property is not covered by the new patternProperties/additionalProperties schema', backward: 'depends', forward: 'depends', ref: 'B1 #14', advice: 'keep the property, or bump the version and drop it in the upcast' },
  { id: 'REQUIRED_PROPERTY_REMOVED', category: 'wire', summary: 'a required property was removed; old readers require it', backward: 'compatible', forward: 'breaking', ref: 'B1 #6', advice: 'keep it required while old readers exist' },
  { id: 'PROPERTY_MADE_REQUIRED', category: 'wire', summary: 'an optional property became required; old data may lack it', backward: 'breaking', forward: 'compatible', ref: 'B1 #7', advice: 'keep it optional, or bump the version and declare a default for it in the upcast' },
  { id: 'PROPERTY_MADE_OPTIONAL', category: 'wire', summary: 'a required property became optional; old readers still require it', backward: 'compatible', forward: 'breaking', ref: 'B1 #8', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'PROPERTY_RENAMED', category: 'wire', summary: 'a property was removed and another one with the same schema added: a rename', backward: 'breaking', forward: 'breaking', ref: 'B1 #9', advice: 'bump the version and declare the rename in the upcast (renames: { old: new })' },
  { id: 'RESERVED_PROPERTY_REUSED', category: 'wire', summary: 'a property uses a reserved (once removed) name', backward: 'breaking', forward: 'breaking', ref: 'B3 #22', advice: 'choose another name; stored events may carry the old meaning of this one' },
];

const props = (s: SchemaObject): SchemaObject => (isObject(s.properties) ? s.properties : {});
const requiredOf = (s: SchemaObject): Set<string> => new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);

export type ContentModel = 'open' | 'closed' | 'partial';

export function contentModel(s: SchemaObject): ContentModel {
  const hasPatterns = isObject(s.patternProperties) && Object.keys(s.patternProperties).length > 0;
  const ap = s.additionalProperties;
  if (!hasPatterns && (ap === undefined || ap === true || (isObject(ap) && Object.keys(ap).length === 0))) return 'open';
  if (!hasPatterns && ap === false) return 'closed';
  return 'partial';
}

/** The schema an undeclared property `name` must satisfy in `s` (false = not allowed). */
export function effectiveSchema(s: SchemaObject, name: string): JsonValue {
  const matching: JsonValue[] = [];
  if (isObject(s.patternProperties)) {
    for (const [pattern, schema] of Object.entries(s.patternProperties)) {
      if (safeRegExp(pattern)?.test(name)) matching.push(schema);
    }
  }
  if (matching.length === 1) return matching[0]!;
  if (matching.length > 1) return { allOf: matching };
  const ap = s.additionalProperties;
  return ap === undefined ? true : ap;
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

function checkAdded(pair: NodePair, walk: Walk, name: string, path: string): void {
  const declared = props(pair.new)[name]!;
  const model = contentModel(pair.old);
  if (model === 'closed') {
    walk.report({ rule: 'PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL', path, message: `property "${name}" added; readers of the old (closed) schema reject it`, breaksBackward: false, breaksForward: true });
    return;
  }
  const v = walk.verdict(effectiveSchema(pair.old, name), declared, path);
  if (!v.breaksBackward && !v.breaksForward) return;
  walk.report({
    rule: model === 'open' ? 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    path,
    message:
      model === 'open'
        ? `property "${name}" added to an open object; old data may already carry "${name}" with another type`
        : `property "${name}" added but its schema does not match what the old pattern/additional properties allowed`,
    ...v,
  });
}

function checkRemoved(pair: NodePair, walk: Walk, name: string, path: string): void {
  const declared = props(pair.old)[name]!;
  const model = contentModel(pair.new);
  if (model === 'closed') {
    walk.report({ rule: 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', path, message: `property "${name}" removed from a closed object; stored data that has it no longer validates`, breaksBackward: true, breaksForward: false });
    return;
  }
  const v = walk.verdict(declared, effectiveSchema(pair.new, name), path);
  if (!v.breaksBackward && !v.breaksForward) return;
  walk.report({
    rule: model === 'open' ? 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    path,
    message:
      model === 'open'
        ? `property "${name}" removed from an open object; new data may reuse "${name}" with any type`
        : `property "${name}" removed and not covered by the new pattern/additional properties schema`,
    ...v,
  });
}

export const objectPropertiesFamily: RuleFamily = {
  name: 'object-properties',
  check(pair, walk) {
    const po = props(pair.old);
    const pn = props(pair.new);
    const ro = requiredOf(pair.old);
    const rn = requiredOf(pair.new);
    const names = [...new Set([...Object.keys(po), ...Object.keys(pn), ...ro, ...rn])];
    const added: string[] = [];
    const removed: string[] = [];
    // What is said about one added or removed property waits until renames are known: a rename
    // is reported once, not as a removal plus a required addition plus the rename (issue 17 item 9).
    const pending: { name: string; change: Parameters<typeof walk.report>[0] }[] = [];
    const outer = walk;
    const held = (name: string): typeof walk => {
      const w = Object.create(outer) as typeof walk;
      w.report = (change) => void pending.push({ name, change });
      return w;
    };
    for (const name of names) {
      const path = `${pair.path}/properties/${seg(name)}`;
      const inOld = name in po;
      const inNew = name in pn;
      if (inOld && inNew) walk.sub(po[name], pn[name], path);
      else if (inNew) {
        added.push(name);
        checkAdded(pair, held(name), name, path);
      } else if (inOld) {
        removed.push(name);
        checkRemoved(pair, held(name), name, path);
      }
      if (rn.has(name) && !ro.has(name)) {
        if (inOld) {
          walk.report({ rule: 'PROPERTY_MADE_REQUIRED', path, message: `property "${name}" is now required; stored data may lack it`, breaksBackward: true, breaksForward: false });
        } else {
          const d = pn[name];
          const withDefault = isObject(d) && d.default !== undefined;
          held(name).report({
            rule: withDefault ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED' : 'REQUIRED_PROPERTY_ADDED',
            path,
            message: withDefault
              ? `required property "${name}" added; its JSON Schema default is not applied by validators, so stored data without it is rejected`
              : `required property "${name}" added; stored data does not have it`,
            breaksBackward: true,
            breaksForward: false,
          });
        }
      }
      if (ro.has(name) && !rn.has(name)) {
        if (inNew) {
          walk.report({ rule: 'PROPERTY_MADE_OPTIONAL', path, message: `property "${name}" is no longer required; old readers still require it`, breaksBackward: false, breaksForward: true });
        } else {
          held(name).report({ rule: 'REQUIRED_PROPERTY_REMOVED', path, message: `required property "${name}" removed; old readers still require it`, breaksBackward: false, breaksForward: true });
        }
      }
    }
    // A removal and an addition with identical schemas is almost certainly a rename.
    const renamed = new Set<string>();
    for (const from of removed) {
      const candidates = added.filter((to) => jsonEqual(po[from], pn[to]));
      if (candidates.length === 1) {
        const to = candidates[0]!;
        renamed.add(from).add(to);
        walk.report({ rule: 'PROPERTY_RENAMED', path: `${pair.path}/properties/${seg(to)}`, message: `property "${from}" looks renamed to "${to}"`, breaksBackward: true, breaksForward: true });
      }
    }
    for (const { name, change } of pending) if (!renamed.has(name)) walk.report(change);
    if (pair.root) {
      for (const name of walk.options.reserved ?? []) {
        if (name in pn) {
          walk.report({ rule: 'RESERVED_PROPERTY_REUSED', path: `${pair.path}/properties/${seg(name)}`, message: `property "${name}" is reserved (it was removed from an earlier version)`, breaksBackward: true, breaksForward: true });
        }
      }
    }
  },
};
