// B3 #30-31 and test 51: changes no structural diff sees. Data still validates, but replays
// produce different state (a default filled by upcasters changed, cents became euros), or
// generated code changes shape (a value object's title renames its TypeScript type).

import type { RuleInfo } from '../types.js';
import { jsonEqual, type RuleFamily } from '../walk.js';

export const annotationRules: RuleInfo[] = [
  { id: 'DEFAULT_CHANGED', category: 'semantic', summary: 'a default was added, removed or changed; replays fill missing values differently', backward: 'breaking', forward: 'breaking', ref: 'B3 #30', advice: 'keep the old default; a different default is a new field or a new version with a custom upcast' },
  { id: 'UNIT_CHANGED', category: 'semantic', summary: 'the unit or meaning annotation (x-unit) changed: same shape, new meaning', backward: 'breaking', forward: 'breaking', ref: 'B4 #34', advice: 'add a new field with the new unit (or a new event); never reinterpret stored values' },
  { id: 'TITLE_CHANGED', category: 'code', summary: 'a title changed; generated type names change (data unaffected)', backward: 'breaking', forward: 'breaking', ref: 'B3 #31', advice: 'keep the title, or update the code that uses the generated type name' },
  { id: 'REF_UNRESOLVED', category: 'wire', summary: 'a $ref cannot be resolved (only local refs are supported)', backward: 'breaking', forward: 'breaking', ref: 'B2 #21', advice: 'use local $defs references (#/$defs/Name) in event schemas' },
];

export const annotationsFamily: RuleFamily = {
  name: 'annotations',
  check(pair, walk) {
    if (walk.detached) return;
    if (!pair.root && ('default' in pair.old || 'default' in pair.new) && !jsonEqual(pair.old.default, pair.new.default)) {
      const show = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v));
      walk.report({ rule: 'DEFAULT_CHANGED', path: pair.path, message: `default ${show(pair.old.default)} -> ${show(pair.new.default)}`, breaksBackward: true, breaksForward: true });
    }
    const uo = pair.old['x-unit'];
    const un = pair.new['x-unit'];
    if (typeof uo === 'string' && typeof un === 'string' && uo !== un) {
      walk.report({ rule: 'UNIT_CHANGED', path: pair.path, message: `unit "${uo}" -> "${un}": stored values keep their old meaning`, breaksBackward: true, breaksForward: true });
    }
    const to = pair.old.title;
    const tn = pair.new.title;
    if (!pair.root && typeof to === 'string' && typeof tn === 'string' && to !== tn) {
      walk.report({ rule: 'TITLE_CHANGED', path: pair.path, message: `title "${to}" -> "${tn}" (generated type renamed)`, breaksBackward: true, breaksForward: true });
    }
  },
};
