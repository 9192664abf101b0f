// The engine: walks two schemas side by side and lets each rule family look at every pair of
// nodes. Families recurse through `walk.sub`, and ask `walk.verdict` when they need to know
// whether one sub-schema accepts everything another one does (content-model coverage,
// combinator member matching) without reporting the nested differences themselves.

import type { JsonValue } from '../../model/types.js';
import type { Change, CompareOptions, Resolved, Schema } from './types.js';

export type SchemaObject = { [key: string]: JsonValue };

export interface NodePair {
  old: SchemaObject;
  new: SchemaObject;
  path: string;
  /** True at the document root (where `reserved` applies). */
  root: boolean;
}

export interface Verdict {
  breaksBackward: boolean;
  breaksForward: boolean;
}

export interface RuleFamily {
  name: string;
  check(pair: NodePair, walk: Walk): void;
}

export class Walk {
  readonly changes: Change[] = [];
  /** `$ref` pairs being compared (recursive schemas): a re-entered pair is assumed compatible. */
  private readonly inProgress: Set<string>;

  constructor(
    readonly oldRoot: Schema,
    readonly newRoot: Schema,
    readonly families: readonly RuleFamily[],
    readonly options: CompareOptions,
    inProgress?: Set<string>,
    /**
     * A detached walk only answers "does one schema accept everything the other does"; it
     * compares two different things (a property with a pattern schema, combinator members),
     * so annotation rules about the evolution of one field (default, unit, title) stay quiet.
     */
    readonly detached = false,
  ) {
    this.inProgress = inProgress ?? new Set();
  }

  report(change: Change): void {
    this.changes.push(change);
  }

  /** Compare two sub-schemas at `path`, reporting what differs. */
  sub(oldSchema: JsonValue | undefined, newSchema: JsonValue | undefined, path: string, root = false): void {
    const key = `${refOf(oldSchema)}|${refOf(newSchema)}`;
    const recursive = key !== '|';
    if (recursive && this.inProgress.has(key)) return;
    if (recursive) this.inProgress.add(key);
    try {
      const o = this.resolve(this.oldRoot, oldSchema, path);
      const n = this.resolve(this.newRoot, newSchema, path);
      if (o === undefined || n === undefined) return;
      if (o === false || n === false) {
        this.compareFalse(o, n, path);
        return;
      }
      for (const family of this.families) family.check({ old: o, new: n, path, root }, this);
    } finally {
      if (recursive) this.inProgress.delete(key);
    }
  }

  /** Would `newSchema` accept every value of `oldSchema` (backward) and the reverse (forward)? */
  verdict(oldSchema: JsonValue | undefined, newSchema: JsonValue | undefined, path: string): Verdict {
    const detached = new Walk(this.oldRoot, this.newRoot, this.families, {}, this.inProgress, true);
    detached.sub(oldSchema, newSchema, path);
    return summarise(detached.changes);
  }

  /** `false` accepts nothing: going to it narrows everything, leaving it widens. */
  private compareFalse(o: Resolved, n: Resolved, path: string): void {
    if (o === false && n === false) return;
    const narrowed = n === false;
    this.report({
      rule: narrowed ? 'TYPE_NARROWED' : 'TYPE_EXTENDED',
      path,
      message: narrowed ? 'schema now accepts no value at all (false)' : 'schema accepted no value (false) and now accepts some',
      breaksBackward: narrowed,
      breaksForward: !narrowed,
    });
  }

  /** Follow local `$ref`s (siblings of `$ref` are kept, 2020-12 style); undefined = reported. */
  private resolve(root: Schema, schema: JsonValue | undefined, path: string): Resolved | undefined {
    let current: JsonValue | undefined = schema ?? {};
    const seen = new Set<string>();
    for (;;) {
      if (current === true) return {};
      if (current === false) return false;
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return {};
      const ref: JsonValue | undefined = current.$ref;
      if (typeof ref !== 'string') return current;
      const target: JsonValue | undefined = seen.has(ref) ? undefined : resolvePointer(root, ref);
      if (target === undefined) {
        this.report({
          rule: 'REF_UNRESOLVED',
          path,
          message: `cannot resolve "${ref}" (only local refs into the same document are supported)`,
          breaksBackward: true,
          breaksForward: true,
        });
        return undefined;
      }
      seen.add(ref);
      const { $ref: _ref, ...siblings } = current;
      current = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...target, ...siblings } : target;
    }
  }
}

function refOf(schema: JsonValue | undefined): string {
  return schema && typeof schema === 'object' && !Array.isArray(schema) && typeof schema.$ref === 'string' ? schema.$ref : '';
}

export function resolvePointer(root: Schema, ref: string): JsonValue | undefined {
  if (!ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: JsonValue | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(token)] : node[token];
    if (node === undefined) return undefined;
  }
  return node;
}

export function summarise(changes: readonly Change[]): Verdict {
  return {
    breaksBackward: changes.some((c) => c.breaksBackward),
    breaksForward: changes.some((c) => c.breaksForward),
  };
}

/** JSON pointer segment escaping. */
export const seg = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** Deep equality for JSON values, object key order ignored. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ao = a as { [k: string]: JsonValue };
  const bo = b as { [k: string]: JsonValue };
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => k in bo && jsonEqual(ao[k], bo[k]));
}

export const isObject = (v: JsonValue | undefined): v is SchemaObject => v !== null && typeof v === 'object' && !Array.isArray(v);
