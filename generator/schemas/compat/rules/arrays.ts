// B3 #28: arrays. Item schemas are compared recursively (their changes carry their own rules);
// tuple shape, uniqueness and `contains` are judged here.

import type { JsonValue } from '../../../model/types.js';
import type { RuleInfo } from '../types.js';
import { jsonEqual, type RuleFamily, type SchemaObject } from '../walk.js';

export const arrayRules: RuleInfo[] = [
  { id: 'TUPLE_LENGTH_CHANGED', category: 'wire', summary: 'the number of positional items (prefixItems) changed', backward: 'breaking', forward: 'breaking', ref: 'B3 #28', advice: 'use a new field, or bump the version and convert in a custom upcast' },
  { id: 'UNIQUE_ITEMS_ADDED', category: 'wire', summary: 'items must now be unique', backward: 'breaking', forward: 'compatible', ref: 'B3 #28', advice: 'bump the version and de-duplicate stored arrays in the upcast' },
  { id: 'UNIQUE_ITEMS_REMOVED', category: 'wire', summary: 'items no longer need to be unique', backward: 'compatible', forward: 'breaking', ref: 'B3 #28', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'CONTAINS_CHANGED', category: 'wire', summary: 'the contains constraint changed', backward: 'breaking', forward: 'breaking', ref: 'B3 #28', advice: 'keep the old constraint, or bump the version' },
];

/** Positional item schemas: 2020-12 `prefixItems`, or draft-07 array-form `items`. */
function tuple(s: SchemaObject): JsonValue[] | undefined {
  if (Array.isArray(s.prefixItems)) return s.prefixItems;
  if (Array.isArray(s.items)) return s.items;
  return undefined;
}

/** Schema of the items after the tuple (2020-12 `items`, draft-07 `additionalItems`). */
function rest(s: SchemaObject): JsonValue | undefined {
  if (Array.isArray(s.items)) return s.additionalItems;
  return s.items;
}

export const arraysFamily: RuleFamily = {
  name: 'arrays',
  check(pair, walk) {
    const to = tuple(pair.old);
    const tn = tuple(pair.new);
    if (to || tn) {
      if ((to?.length ?? 0) !== (tn?.length ?? 0)) {
        walk.report({ rule: 'TUPLE_LENGTH_CHANGED', path: `${pair.path}/prefixItems`, message: `tuple length ${to?.length ?? 0} -> ${tn?.length ?? 0}`, breaksBackward: true, breaksForward: true });
      } else {
        to!.forEach((item, i) => walk.sub(item, tn![i], `${pair.path}/prefixItems/${i}`));
      }
    }
    const ro = rest(pair.old);
    const rn = rest(pair.new);
    if (ro !== undefined || rn !== undefined) walk.sub(ro ?? true, rn ?? true, `${pair.path}/items`);

    const uo = pair.old.uniqueItems === true;
    const un = pair.new.uniqueItems === true;
    if (un && !uo) walk.report({ rule: 'UNIQUE_ITEMS_ADDED', path: pair.path, message: 'items must now be unique', breaksBackward: true, breaksForward: false });
    if (uo && !un) walk.report({ rule: 'UNIQUE_ITEMS_REMOVED', path: pair.path, message: 'items no longer need to be unique', breaksBackward: false, breaksForward: true });

    if (!jsonEqual(pair.old.contains, pair.new.contains) || !jsonEqual(pair.old.minContains, pair.new.minContains) || !jsonEqual(pair.old.maxContains, pair.new.maxContains)) {
      walk.report({ rule: 'CONTAINS_CHANGED', path: `${pair.path}/contains`, message: 'contains/minContains/maxContains changed', breaksBackward: true, breaksForward: true });
    }
  },
};
