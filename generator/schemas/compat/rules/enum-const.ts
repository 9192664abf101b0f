// B3 #23-25: enumerations and constants.

import type { JsonValue } from '../../../model/types.js';
import type { RuleInfo } from '../types.js';
import { jsonEqual, type RuleFamily } from '../walk.js';

export const enumConstRules: RuleInfo[] = [
  { id: 'ENUM_VALUE_REMOVED', category: 'wire', summary: 'an enum value was removed; stored data may hold it', backward: 'breaking', forward: 'compatible', ref: 'B3 #23', advice: 'keep the value (deprecate it), or bump the version and map it in the upcast' },
  { id: 'ENUM_VALUE_ADDED', category: 'wire', summary: 'an enum value was added; old readers (and exhaustive switches) do not know it', backward: 'compatible', forward: 'breaking', ref: 'B3 #24', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'ENUM_ADDED', category: 'wire', summary: 'an enum restriction was added', backward: 'breaking', forward: 'compatible', ref: 'B3 #23', advice: 'bump the version and map stored values in the upcast' },
  { id: 'ENUM_REMOVED', category: 'wire', summary: 'an enum restriction was dropped', backward: 'compatible', forward: 'breaking', ref: 'B3 #24', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'CONST_CHANGED', category: 'wire', summary: 'a const value changed', backward: 'breaking', forward: 'breaking', ref: 'B3 #25', advice: 'use a new event or a new version with a custom upcast' },
  { id: 'CONST_ADDED', category: 'wire', summary: 'a const restriction was added', backward: 'breaking', forward: 'compatible', ref: 'B3 #25', advice: 'bump the version and set the value in the upcast' },
  { id: 'CONST_REMOVED', category: 'wire', summary: 'a const restriction was dropped', backward: 'compatible', forward: 'breaking', ref: 'B3 #25', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
];

const show = (values: JsonValue[]): string => values.map((v) => JSON.stringify(v)).join(', ');

export const enumConstFamily: RuleFamily = {
  name: 'enum-const',
  check(pair, walk) {
    const eo = Array.isArray(pair.old.enum) ? pair.old.enum : undefined;
    const en = Array.isArray(pair.new.enum) ? pair.new.enum : undefined;
    const path = pair.path;
    if (eo && en) {
      const removed = eo.filter((v) => !en.some((w) => jsonEqual(v, w)));
      const added = en.filter((v) => !eo.some((w) => jsonEqual(v, w)));
      if (removed.length) walk.report({ rule: 'ENUM_VALUE_REMOVED', path, message: `enum value(s) removed: ${show(removed)}`, breaksBackward: true, breaksForward: false });
      if (added.length) walk.report({ rule: 'ENUM_VALUE_ADDED', path, message: `enum value(s) added: ${show(added)}`, breaksBackward: false, breaksForward: true });
    } else if (en) {
      walk.report({ rule: 'ENUM_ADDED', path, message: `now restricted to ${show(en)}`, breaksBackward: true, breaksForward: false });
    } else if (eo) {
      walk.report({ rule: 'ENUM_REMOVED', path, message: `no longer restricted to ${show(eo)}`, breaksBackward: false, breaksForward: true });
    }
    const co = 'const' in pair.old;
    const cn = 'const' in pair.new;
    if (co && cn && !jsonEqual(pair.old.const, pair.new.const)) {
      walk.report({ rule: 'CONST_CHANGED', path, message: `const ${JSON.stringify(pair.old.const)} -> ${JSON.stringify(pair.new.const)}`, breaksBackward: true, breaksForward: true });
    } else if (cn && !co) {
      walk.report({ rule: 'CONST_ADDED', path, message: `now fixed to ${JSON.stringify(pair.new.const)}`, breaksBackward: true, breaksForward: false });
    } else if (co && !cn) {
      walk.report({ rule: 'CONST_REMOVED', path, message: `no longer fixed to ${JSON.stringify(pair.old.const)}`, breaksBackward: false, breaksForward: true });
    }
  },
};
