// B2 #15-17: the `type` keyword, compared as a set (absent = every type, integer within number).

import type { RuleInfo } from '../types.js';
import type { RuleFamily, SchemaObject } from '../walk.js';

export const jsonTypeRules: RuleInfo[] = [
  { id: 'TYPE_CHANGED', category: 'wire', summary: 'the type changed (string -> number, object -> array)', backward: 'breaking', forward: 'breaking', ref: 'B2 #15', advice: 'add a new field (or a new event) instead; or bump the version and convert in a custom upcast' },
  { id: 'TYPE_EXTENDED', category: 'wire', summary: 'the type was widened (integer -> number, null added)', backward: 'compatible', forward: 'breaking', ref: 'B2 #16', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'TYPE_NARROWED', category: 'wire', summary: 'the type was narrowed (number -> integer, null dropped)', backward: 'breaking', forward: 'compatible', ref: 'B2 #17', advice: 'keep the wider type, or bump the version and convert stored values in the upcast' },
];

export const ALL_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] as const;

/** The set of JSON types a schema admits by its `type` keyword alone. */
export function typeSet(s: SchemaObject): Set<string> {
  const t = s.type;
  if (typeof t === 'string') return new Set([t]);
  if (Array.isArray(t)) return new Set(t.filter((x): x is string => typeof x === 'string'));
  return new Set(ALL_TYPES);
}

const accepts = (set: Set<string>, t: string): boolean => set.has(t) || (t === 'integer' && set.has('number'));

const label = (set: Set<string>): string => (set.size === ALL_TYPES.length ? 'any' : [...set].sort().join('|'));

export const jsonTypeFamily: RuleFamily = {
  name: 'json-type',
  check(pair, walk) {
    const o = typeSet(pair.old);
    const n = typeSet(pair.new);
    const breaksBackward = [...o].some((t) => !accepts(n, t));
    const breaksForward = [...n].some((t) => !accepts(o, t));
    if (!breaksBackward && !breaksForward) return;
    const rule = breaksBackward && breaksForward ? 'TYPE_CHANGED' : breaksBackward ? 'TYPE_NARROWED' : 'TYPE_EXTENDED';
    walk.report({ rule, path: pair.path, message: `type ${label(o)} -> ${label(n)}`, breaksBackward, breaksForward });
  },
};
