// B2 #18-20: anyOf / oneOf / allOf / not.
//
// anyOf: backward-safe iff every old member is accepted by some new member.
// allOf: backward-safe iff every new member accepts what some old member accepts.
// oneOf: like anyOf only when all members of each side have pairwise disjoint types (else a
// value may come to match two members and fail `oneOf`); otherwise any member change breaks.

import type { JsonValue } from '../../../model/types.js';
import type { RuleInfo } from '../types.js';
import { isObject, jsonEqual, type NodePair, type RuleFamily, type Walk } from '../walk.js';
import { typeSet } from './json-type.js';

export const combinatorRules: RuleInfo[] = [
  { id: 'COMBINED_TYPE_CHANGED', category: 'wire', summary: 'the combinator changed (anyOf <-> oneOf, -> allOf)', backward: 'breaking', forward: 'breaking', ref: 'B2 #18', advice: 'keep the combinator, or bump the version' },
  { id: 'COMBINED_TYPE_EXTENDED', category: 'wire', summary: 'oneOf/allOf became anyOf with the same members', backward: 'compatible', forward: 'breaking', ref: 'B2 #18', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'SUM_TYPE_EXTENDED', category: 'wire', summary: 'an anyOf/oneOf member was added', backward: 'compatible', forward: 'breaking', ref: 'B2 #16', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'SUM_TYPE_NARROWED', category: 'wire', summary: 'an anyOf/oneOf member was removed or narrowed', backward: 'breaking', forward: 'compatible', ref: 'B2 #17', advice: 'keep the member, or bump the version and convert stored values in the upcast' },
  { id: 'PRODUCT_TYPE_EXTENDED', category: 'wire', summary: 'an allOf member was added (a new constraint)', backward: 'breaking', forward: 'compatible', ref: 'B2 #19', advice: 'bump the version and make stored data satisfy it in the upcast' },
  { id: 'PRODUCT_TYPE_NARROWED', category: 'wire', summary: 'an allOf member was removed (a constraint dropped)', backward: 'compatible', forward: 'breaking', ref: 'B2 #19', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'COMBINED_TYPE_SUBSCHEMAS_CHANGED', category: 'wire', summary: 'oneOf members changed and may overlap', backward: 'breaking', forward: 'breaking', ref: 'B2 #20', advice: 'give every oneOf member a distinct type or const tag, or bump the version' },
  { id: 'COMBINATOR_ADDED', category: 'wire', summary: 'an anyOf/oneOf/allOf constraint was added', backward: 'depends', forward: 'compatible', ref: 'B2 #19', advice: 'bump the version and make stored data satisfy it in the upcast' },
  { id: 'COMBINATOR_REMOVED', category: 'wire', summary: 'an anyOf/oneOf/allOf constraint was removed', backward: 'compatible', forward: 'depends', ref: 'B2 #19', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'NOT_CHANGED', category: 'wire', summary: 'a `not` constraint was added, removed or changed', backward: 'breaking', forward: 'breaking', ref: 'B2 #20', advice: 'keep the old constraint, or bump the version' },
];

type Kind = 'anyOf' | 'oneOf' | 'allOf';
const KINDS: Kind[] = ['anyOf', 'oneOf', 'allOf'];

const members = (s: Record<string, JsonValue>, k: Kind): JsonValue[] | undefined => (Array.isArray(s[k]) ? (s[k] as JsonValue[]) : undefined);

/** Members are pairwise disjoint by declared type (integer overlaps number). */
function disjointByType(list: JsonValue[]): boolean {
  const sets = list.map((m) => (isObject(m) ? typeSet(m) : new Set(['any'])));
  const expand = (s: Set<string>) => (s.has('number') ? new Set([...s, 'integer']) : s);
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = expand(sets[i]!);
      if ([...expand(sets[j]!)].some((t) => a.has(t) || t === 'any') || a.has('any')) return false;
    }
  }
  return true;
}

const sameMembers = (a: JsonValue[], b: JsonValue[]): boolean => a.length === b.length && a.every((m) => b.some((n) => jsonEqual(m, n))) && b.every((n) => a.some((m) => jsonEqual(m, n)));

function compareSum(pair: NodePair, walk: Walk, k: 'anyOf' | 'oneOf', o: JsonValue[], n: JsonValue[]): void {
  const path = `${pair.path}/${k}`;
  if (sameMembers(o, n)) return;
  if (k === 'oneOf' && !(disjointByType(o) && disjointByType(n))) {
    walk.report({ rule: 'COMBINED_TYPE_SUBSCHEMAS_CHANGED', path, message: 'oneOf members changed and are not separated by type', breaksBackward: true, breaksForward: true });
    return;
  }
  o.forEach((m, i) => {
    if (!n.some((x, j) => !walk.verdict(m, x, `${path}/${j}`).breaksBackward)) {
      walk.report({ rule: 'SUM_TYPE_NARROWED', path: `${path}/${i}`, message: `${k} member ${i} of the old schema is not accepted by any new member`, breaksBackward: true, breaksForward: false });
    }
  });
  n.forEach((x, j) => {
    if (!o.some((m) => !walk.verdict(m, x, `${path}/${j}`).breaksForward)) {
      walk.report({ rule: 'SUM_TYPE_EXTENDED', path: `${path}/${j}`, message: `${k} member ${j} accepts values no old member accepts`, breaksBackward: false, breaksForward: true });
    }
  });
}

function compareProduct(pair: NodePair, walk: Walk, o: JsonValue[], n: JsonValue[]): void {
  const path = `${pair.path}/allOf`;
  if (sameMembers(o, n)) return;
  n.forEach((x, j) => {
    if (!o.some((m) => !walk.verdict(m, x, `${path}/${j}`).breaksBackward)) {
      walk.report({ rule: 'PRODUCT_TYPE_EXTENDED', path: `${path}/${j}`, message: `allOf member ${j} is a constraint the old schema did not have`, breaksBackward: true, breaksForward: false });
    }
  });
  o.forEach((m, i) => {
    if (!n.some((x) => !walk.verdict(m, x, `${path}/${i}`).breaksForward)) {
      walk.report({ rule: 'PRODUCT_TYPE_NARROWED', path: `${path}/${i}`, message: `allOf member ${i} of the old schema was dropped`, breaksBackward: false, breaksForward: true });
    }
  });
}

/** The node without its combinators: what the rest of the schema promises on its own. */
function base(s: Record<string, JsonValue>): Record<string, JsonValue> {
  const { anyOf: _a, oneOf: _o, allOf: _l, ...rest } = s;
  return rest;
}

export const combinatorsFamily: RuleFamily = {
  name: 'combinators',
  check(pair, walk) {
    const oldKinds = KINDS.filter((k) => members(pair.old, k));
    const newKinds = KINDS.filter((k) => members(pair.new, k));
    // A plain switch of one combinator for another.
    if (oldKinds.length === 1 && newKinds.length === 1 && oldKinds[0] !== newKinds[0]) {
      const o = members(pair.old, oldKinds[0]!)!;
      const n = members(pair.new, newKinds[0]!)!;
      const path = `${pair.path}/${newKinds[0]}`;
      if (newKinds[0] === 'anyOf' && sameMembers(o, n)) {
        walk.report({ rule: 'COMBINED_TYPE_EXTENDED', path, message: `${oldKinds[0]} -> anyOf`, breaksBackward: false, breaksForward: true });
      } else {
        walk.report({ rule: 'COMBINED_TYPE_CHANGED', path, message: `${oldKinds[0]} -> ${newKinds[0]}`, breaksBackward: true, breaksForward: true });
      }
    } else {
      for (const k of KINDS) {
        const o = members(pair.old, k);
        const n = members(pair.new, k);
        const path = `${pair.path}/${k}`;
        if (o && n) {
          if (k === 'allOf') compareProduct(pair, walk, o, n);
          else compareSum(pair, walk, k, o, n);
        } else if (n) {
          // Backward-safe when what the old schema promised already satisfies the new combinator.
          const b = base(pair.old);
          const ok = k === 'allOf' ? n.every((x) => !walk.verdict(b, x, path).breaksBackward) : n.some((x) => !walk.verdict(b, x, path).breaksBackward);
          walk.report({ rule: 'COMBINATOR_ADDED', path, message: `${k} added`, breaksBackward: !ok, breaksForward: false });
        } else if (o) {
          const b = base(pair.new);
          const ok = k === 'allOf' ? o.every((m) => !walk.verdict(m, b, path).breaksForward) : o.some((m) => !walk.verdict(m, b, path).breaksForward);
          walk.report({ rule: 'COMBINATOR_REMOVED', path, message: `${k} removed`, breaksBackward: false, breaksForward: !ok });
        }
      }
    }
    if (!jsonEqual(pair.old.not, pair.new.not)) {
      walk.report({ rule: 'NOT_CHANGED', path: `${pair.path}/not`, message: '`not` constraint changed', breaksBackward: true, breaksForward: true });
    }
  },
};
