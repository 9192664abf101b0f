// B1 #13, B3 #26-28: numeric bounds (lengths, item and property counts, numeric ranges).
// Tightening a bound breaks BACKWARD (stored data may sit outside it), loosening breaks
// FORWARD (old readers reject the new range). Each keyword is an independent conjunct, so
// judging them one by one is sound.

import type { RuleInfo } from '../types.js';
import type { RuleFamily } from '../walk.js';

interface CountBound {
  keyword: string;
  kind: 'min' | 'max';
  tighter: string;
  looser: string;
  label: string;
  ref: string;
}

const COUNT_BOUNDS: CountBound[] = [
  { keyword: 'minLength', kind: 'min', tighter: 'MIN_LENGTH_INCREASED', looser: 'MIN_LENGTH_DECREASED', label: 'minimum string length', ref: 'B3 #26' },
  { keyword: 'maxLength', kind: 'max', tighter: 'MAX_LENGTH_DECREASED', looser: 'MAX_LENGTH_INCREASED', label: 'maximum string length', ref: 'B3 #26' },
  { keyword: 'minItems', kind: 'min', tighter: 'MIN_ITEMS_INCREASED', looser: 'MIN_ITEMS_DECREASED', label: 'minimum number of items', ref: 'B3 #28' },
  { keyword: 'maxItems', kind: 'max', tighter: 'MAX_ITEMS_DECREASED', looser: 'MAX_ITEMS_INCREASED', label: 'maximum number of items', ref: 'B3 #28' },
  { keyword: 'minProperties', kind: 'min', tighter: 'MIN_PROPERTIES_INCREASED', looser: 'MIN_PROPERTIES_DECREASED', label: 'minimum number of properties', ref: 'B1 #13' },
  { keyword: 'maxProperties', kind: 'max', tighter: 'MAX_PROPERTIES_DECREASED', looser: 'MAX_PROPERTIES_INCREASED', label: 'maximum number of properties', ref: 'B1 #13' },
];

/** A numeric range end: `maximum` and `exclusiveMaximum` together form one upper bound. */
interface RangeBound {
  value: number;
  exclusive: boolean;
}

const tighterAdvice = 'bump the event version and fix stored values in the upcast, or keep the old bound';
const looserAdvice = 'upgrade consumers before producers use the wider range; a published event cannot do this: publish a new event type instead';

export const boundRules: RuleInfo[] = [
  ...COUNT_BOUNDS.flatMap((b): RuleInfo[] => [
    { id: b.tighter, category: 'wire', summary: `${b.label} added or tightened`, backward: 'breaking', forward: 'compatible', ref: b.ref, advice: tighterAdvice },
    { id: b.looser, category: 'wire', summary: `${b.label} removed or loosened`, backward: 'compatible', forward: 'breaking', ref: b.ref, advice: looserAdvice },
  ]),
  { id: 'MAXIMUM_DECREASED', category: 'wire', summary: 'upper bound (maximum/exclusiveMaximum) added or lowered', backward: 'breaking', forward: 'compatible', ref: 'B3 #27', advice: tighterAdvice },
  { id: 'MAXIMUM_INCREASED', category: 'wire', summary: 'upper bound (maximum/exclusiveMaximum) removed or raised', backward: 'compatible', forward: 'breaking', ref: 'B3 #27', advice: looserAdvice },
  { id: 'MINIMUM_INCREASED', category: 'wire', summary: 'lower bound (minimum/exclusiveMinimum) added or raised', backward: 'breaking', forward: 'compatible', ref: 'B3 #27', advice: tighterAdvice },
  { id: 'MINIMUM_DECREASED', category: 'wire', summary: 'lower bound (minimum/exclusiveMinimum) removed or lowered', backward: 'compatible', forward: 'breaking', ref: 'B3 #27', advice: looserAdvice },
  { id: 'MULTIPLE_OF_CHANGED', category: 'wire', summary: 'multipleOf added, removed or changed', backward: 'depends', forward: 'depends', ref: 'B3 #27', advice: tighterAdvice },
];

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function upper(s: Record<string, unknown>): RangeBound | undefined {
  const max = num(s.maximum);
  const xmax = num(s.exclusiveMaximum);
  if (max === undefined && xmax === undefined) return undefined;
  if (xmax !== undefined && (max === undefined || xmax <= max)) return { value: xmax, exclusive: true };
  return { value: max!, exclusive: false };
}

function lower(s: Record<string, unknown>): RangeBound | undefined {
  const min = num(s.minimum);
  const xmin = num(s.exclusiveMinimum);
  if (min === undefined && xmin === undefined) return undefined;
  if (xmin !== undefined && (min === undefined || xmin >= min)) return { value: xmin, exclusive: true };
  return { value: min!, exclusive: false };
}

const show = (b: RangeBound | undefined, op: '<' | '>'): string => (b ? `${op}${b.exclusive ? '' : '='} ${b.value}` : 'none');

/** -1: `n` is tighter than `o`, 1: looser, 0: same. For upper bounds lower = tighter. */
function compareUpper(o: RangeBound | undefined, n: RangeBound | undefined): number {
  if (!o && !n) return 0;
  if (!o) return -1;
  if (!n) return 1;
  if (n.value !== o.value) return n.value < o.value ? -1 : 1;
  if (n.exclusive === o.exclusive) return 0;
  return n.exclusive ? -1 : 1;
}

function compareLower(o: RangeBound | undefined, n: RangeBound | undefined): number {
  if (!o && !n) return 0;
  if (!o) return -1;
  if (!n) return 1;
  if (n.value !== o.value) return n.value > o.value ? -1 : 1;
  if (n.exclusive === o.exclusive) return 0;
  return n.exclusive ? -1 : 1;
}

/** `a` is a whole multiple of `b` (within float noise). */
function isMultiple(a: number, b: number): boolean {
  const q = a / b;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

export const boundsFamily: RuleFamily = {
  name: 'bounds',
  check(pair, walk) {
    for (const b of COUNT_BOUNDS) {
      const o = num(pair.old[b.keyword]);
      const n = num(pair.new[b.keyword]);
      if (o === n) continue;
      const tightened = n !== undefined && (o === undefined || (b.kind === 'min' ? n > o : n < o));
      walk.report({
        rule: tightened ? b.tighter : b.looser,
        path: pair.path,
        message: `${b.keyword} ${o ?? 'unset'} -> ${n ?? 'unset'}`,
        breaksBackward: tightened,
        breaksForward: !tightened,
      });
    }
    const up = compareUpper(upper(pair.old), upper(pair.new));
    if (up !== 0) {
      walk.report({
        rule: up < 0 ? 'MAXIMUM_DECREASED' : 'MAXIMUM_INCREASED',
        path: pair.path,
        message: `upper bound ${show(upper(pair.old), '<')} -> ${show(upper(pair.new), '<')}`,
        breaksBackward: up < 0,
        breaksForward: up > 0,
      });
    }
    const lo = compareLower(lower(pair.old), lower(pair.new));
    if (lo !== 0) {
      walk.report({
        rule: lo < 0 ? 'MINIMUM_INCREASED' : 'MINIMUM_DECREASED',
        path: pair.path,
        message: `lower bound ${show(lower(pair.old), '>')} -> ${show(lower(pair.new), '>')}`,
        breaksBackward: lo < 0,
        breaksForward: lo > 0,
      });
    }
    const mo = num(pair.old.multipleOf);
    const mn = num(pair.new.multipleOf);
    if (mo !== mn) {
      // Every multiple of `mo` is a multiple of `mn` iff mo is a multiple of mn.
      const backwardOk = mn === undefined || (mo !== undefined && isMultiple(mo, mn));
      const forwardOk = mo === undefined || (mn !== undefined && isMultiple(mn, mo));
      walk.report({ rule: 'MULTIPLE_OF_CHANGED', path: pair.path, message: `multipleOf ${mo ?? 'unset'} -> ${mn ?? 'unset'}`, breaksBackward: !backwardOk, breaksForward: !forwardOk });
    }
  },
};
