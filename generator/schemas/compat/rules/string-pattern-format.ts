// B3 #26 (pattern) and #29 (format). Confluent has no FORMAT_* difference, so a uuid field that
// becomes an email slips through its gate; a validating reader (ajv-formats) rejects the data.

import type { RuleInfo } from '../types.js';
import type { RuleFamily } from '../walk.js';

export const stringPatternFormatRules: RuleInfo[] = [
  { id: 'PATTERN_ADDED', category: 'wire', summary: 'a pattern was added', backward: 'breaking', forward: 'compatible', ref: 'B3 #26', advice: 'bump the version and normalise stored values in the upcast' },
  { id: 'PATTERN_CHANGED', category: 'wire', summary: 'a pattern changed', backward: 'breaking', forward: 'breaking', ref: 'B3 #26', advice: 'keep the old pattern, or bump the version and convert in the upcast' },
  { id: 'PATTERN_REMOVED', category: 'wire', summary: 'a pattern was removed', backward: 'compatible', forward: 'breaking', ref: 'B3 #26', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
  { id: 'FORMAT_ADDED', category: 'semantic', summary: 'a format was added; validating readers reject stored values that do not match', backward: 'breaking', forward: 'compatible', ref: 'B3 #29', advice: 'bump the version and normalise stored values in the upcast' },
  { id: 'FORMAT_CHANGED', category: 'semantic', summary: 'the format changed (date -> date-time, uuid -> email)', backward: 'breaking', forward: 'breaking', ref: 'B3 #29', advice: 'add a new field with the new format; or bump the version and convert in a custom upcast' },
  { id: 'FORMAT_REMOVED', category: 'semantic', summary: 'a format was removed; old validating readers reject free-form values', backward: 'compatible', forward: 'breaking', ref: 'B3 #29', advice: 'upgrade consumers first; a published event cannot do this (consumers of older versions would reject new events): publish a new event type instead' },
];

export const stringPatternFormatFamily: RuleFamily = {
  name: 'string-pattern-format',
  check(pair, walk) {
    for (const [keyword, added, changed, removed] of [
      ['pattern', 'PATTERN_ADDED', 'PATTERN_CHANGED', 'PATTERN_REMOVED'],
      ['format', 'FORMAT_ADDED', 'FORMAT_CHANGED', 'FORMAT_REMOVED'],
    ] as const) {
      const o = typeof pair.old[keyword] === 'string' ? (pair.old[keyword] as string) : undefined;
      const n = typeof pair.new[keyword] === 'string' ? (pair.new[keyword] as string) : undefined;
      if (o === n) continue;
      if (o !== undefined && n !== undefined) {
        walk.report({ rule: changed, path: pair.path, message: `${keyword} "${o}" -> "${n}"`, breaksBackward: true, breaksForward: true });
      } else if (n !== undefined) {
        walk.report({ rule: added, path: pair.path, message: `${keyword} "${n}" added`, breaksBackward: true, breaksForward: false });
      } else {
        walk.report({ rule: removed, path: pair.path, message: `${keyword} "${o}" removed`, breaksBackward: false, breaksForward: true });
      }
    }
  },
};
