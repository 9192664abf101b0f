// Typed reads from yaml nodes with positioned diagnostics. Every reader either returns a value
// or reports why it could not, and never throws. Readers of one file share a `Reader`.

import { isAlias, isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { didYouMean } from '../suggest.js';
import type { JsonValue, NameRef, SourceSpan } from '../types.js';
import { keyText, RESERVED_KEYS } from './parse-yaml.js';
import type { FileDiagnostics, OffsetRange, SourceText } from './source-text.js';

/** One key of a map as read from the file. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  /** null when the key has no value (`description:`). */
  value: YamlNode | null;
  /** Span of the key; elements use it as their `loc`. */
  loc: SourceSpan;
}

/** What is expected of a map: which keys it must and may have. */
export interface MapShape {
  /** Used in messages: "unknown field in an aggregate". */
  what: string;
  required: readonly string[];
  optional: readonly string[];
}

export type Fields = Map<string, Entry>;

/** Describes a node for "expected X, got Y" messages. */
export function describe(node: YamlNode | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isAlias(node)) return `alias *${node.source}`;
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
    const written = typeof node.source === 'string' ? node.source : String(v);
    return `${typeof v} ${written}`;
  }
  return 'an unknown value';
}

export class Reader {
  constructor(
    readonly src: SourceText,
    readonly diags: FileDiagnostics,
    /** Bounded context the elements of this file belong to. */
    public context = '',
  ) {}

  span(node: { range?: OffsetRange | null } | null | undefined): SourceSpan {
    return this.src.span(node?.range);
  }

  /** Where to point for a problem with `node`, falling back to `fallback` for missing values. */
  private rangeOf(node: YamlNode | null | undefined, fallback?: OffsetRange | null): OffsetRange | null | undefined {
    return node?.range ?? fallback;
  }

  typeError(node: YamlNode | null | undefined, expected: string, at?: OffsetRange | null, hint?: string): void {
    // Aliases were already reported by the parser check; one diagnostic per problem.
    if (node && isAlias(node)) return;
    const scalarHint =
      /\bstring\b/.test(expected) && node && isScalar(node) && node.value !== null && typeof node.source === 'string'
        ? `quote it: "${node.source}"`
        : undefined;
    this.diags.add(this.rangeOf(node, at), {
      code: 'E_TYPE',
      message: `expected ${expected}, got ${describe(node)}${scalarHint ? ' — quote it' : ''}`,
      hint: hint ?? scalarHint ?? `write ${expected} here`,
    });
  }

  /** The entries of a map in file order; null (an empty value) reads as an empty map. */
  entries(node: YamlNode | null, what: string, at?: OffsetRange | null): Entry[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isMap(node)) {
      this.typeError(node, `a map (${what})`, at);
      return [];
    }
    const out: Entry[] = [];
    for (const pair of (node as YAMLMap<unknown, unknown>).items as Pair<unknown, unknown>[]) {
      const keyNode = pair.key as YamlNode | null;
      if (!keyNode || !isScalar(keyNode) || keyNode.value === null) {
        if (keyNode && isAlias(keyNode)) continue;
        this.diags.add(keyNode?.range ?? node.range, {
          code: 'E_TYPE',
          message: `expected a plain name as key in ${what}, got ${describe(keyNode)}`,
          hint: 'keys are names written as plain text',
        });
        continue;
      }
      // `true:` / `false:` are booleans in YAML, not names, refused like `null:` (issue 17 item 9);
      // a quoted "true" is a name and reaches the validator.
      if (typeof keyNode.value === 'boolean') {
        this.diags.add(keyNode.range ?? node.range, {
          code: 'E_TYPE',
          message: `expected a plain name as key in ${what}, got ${describe(keyNode)}`,
          hint: `\`${String(keyNode.source ?? keyNode.value)}\` is a boolean in YAML: quote it ("${String(keyNode.source ?? keyNode.value)}") if it is meant as a name, or choose another name`,
        });
        continue;
      }
      const key = keyText(keyNode);
      // Reported once by the parser check; skipping keeps them out of every model object.
      if (RESERVED_KEYS.has(key) || key === '<<') continue;
      out.push({ key, keyNode, value: (pair.value as YamlNode | null) ?? null, loc: this.span(keyNode) });
    }
    return out;
  }

  /**
   * Reads a map with a fixed set of keys: unknown keys (with did-you-mean) and missing required
   * keys are reported; `at` is where to point when the map is missing a key (its own key).
   */
  object(node: YamlNode | null, shape: MapShape, at: OffsetRange | null | undefined): Fields {
    const fields: Fields = new Map();
    const known = [...shape.required, ...shape.optional];
    for (const entry of this.entries(node, shape.what, at)) {
      if (!known.includes(entry.key)) {
        const suggestion = didYouMean(entry.key, known);
        this.diags.add(entry.keyNode.range, {
          code: 'E_UNKNOWN_FIELD',
          message: `unknown field "${entry.key}" in ${shape.what}`,
          hint: suggestion ? `did you mean "${suggestion}"?` : `known fields: ${known.join(', ')}`,
        });
        continue;
      }
      fields.set(entry.key, entry);
    }
    if (node === null || isMap(node) || (isScalar(node) && node.value === null)) {
      for (const key of shape.required) {
        if (!fields.has(key)) {
          this.diags.add(at ?? node?.range, {
            code: 'E_MISSING_FIELD',
            message: `${shape.what} is missing the required field "${key}"`,
            hint: `add \`${key}: …\``,
          });
        }
      }
    }
    return fields;
  }

  string(entry: Entry | undefined): string | undefined {
    if (!entry) return undefined;
    const node = entry.value;
    if (node && isScalar(node) && typeof node.value === 'string') return node.value;
    this.typeError(node, `a string for "${entry.key}"`, entry.keyNode.range);
    return undefined;
  }

  /** A string value of a node that is not a map entry (list items). */
  stringNode(node: YamlNode | null, what: string, at?: OffsetRange | null): string | undefined {
    if (node && isScalar(node) && typeof node.value === 'string') return node.value;
    this.typeError(node, `a string (${what})`, at);
    return undefined;
  }

  /**
   * A whole number in [min, max]. `max` defaults to the largest safe integer: beyond it a YAML
   * number is silently rounded (9007199254740993 reads as ...992), so it is refused, not rounded.
   */
  integer(entry: Entry | undefined, min: number, max: number = Number.MAX_SAFE_INTEGER): number | undefined {
    if (!entry) return undefined;
    const node = entry.value;
    // Only decimal digits: `1.0`, `0x1F`, `1e3` are numbers to YAML but not what a reader expects.
    const written = node && isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
    if (node && isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && (written === undefined || /^[-+]?[0-9]+$/.test(written))) {
      if (node.value >= min && node.value <= max && Number.isSafeInteger(node.value)) return node.value;
      const shown = written ?? String(node.value);
      this.diags.add(node.range, {
        code: 'E_TYPE',
        message: node.value < min ? `"${entry.key}" must be at least ${min}, got ${shown}` : `"${entry.key}" must be at most ${max}, got ${shown.length > 24 ? `${shown.slice(0, 24)}…` : shown}`,
        hint: `write a whole number from ${min} to ${max}`,
      });
      return undefined;
    }
    this.typeError(node, `a whole number for "${entry.key}"`, entry.keyNode.range, `write a whole number >= ${min}`);
    return undefined;
  }

  boolean(entry: Entry | undefined): boolean | undefined {
    if (!entry) return undefined;
    const node = entry.value;
    if (node && isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.typeError(node, `true or false for "${entry.key}"`, entry.keyNode.range, 'write true or false (YAML 1.2: yes/no are strings)');
    return undefined;
  }

  /** One of a fixed set of strings. */
  choice<T extends string>(entry: Entry | undefined, choices: readonly T[]): T | undefined {
    const value = this.string(entry);
    if (value === undefined || !entry) return undefined;
    if ((choices as readonly string[]).includes(value)) return value as T;
    const suggestion = didYouMean(value, choices);
    this.diags.add(entry.value?.range, {
      code: 'E_INVALID_VALUE',
      message: `"${entry.key}" must be one of ${choices.join(', ')}, got "${value}"`,
      hint: suggestion ? `did you mean "${suggestion}"?` : `write one of ${choices.join(', ')}`,
    });
    return undefined;
  }

  /** `Name` or `Context.Name`. */
  nameRef(node: YamlNode | null, what: string, at?: OffsetRange | null): NameRef | undefined {
    const text = this.stringNode(node, what, at);
    if (text === undefined || !node) return undefined;
    const loc = this.span(node);
    const dot = text.indexOf('.');
    if (dot > 0 && dot < text.length - 1 && text.indexOf('.', dot + 1) === -1) {
      return { context: text.slice(0, dot), name: text.slice(dot + 1), loc };
    }
    return { name: text, loc };
  }

  /** The items of a list; null (an empty value) reads as an empty list. */
  items(node: YamlNode | null, what: string, at?: OffsetRange | null): YamlNode[] {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    if (!isSeq(node)) {
      this.typeError(node, `a list (${what})`, at, `write a list: [A, B] or one \`- item\` per line`);
      return [];
    }
    return (node.items as (YamlNode | null)[]).map((item) => item ?? (null as unknown as YamlNode));
  }

  nameRefList(entry: Entry | undefined): NameRef[] {
    if (!entry) return [];
    const out: NameRef[] = [];
    for (const item of this.items(entry.value, `names for "${entry.key}"`, entry.keyNode.range)) {
      const ref = this.nameRef(item, `a name in "${entry.key}"`, entry.keyNode.range);
      if (ref) out.push(ref);
    }
    return out;
  }

  /** A JSON value (spec data, defaults, JSON Schema). Depth is bounded by the parser check. */
  json(node: YamlNode | null, at?: OffsetRange | null): JsonValue | undefined {
    if (node === null) return null;
    if (isAlias(node)) return undefined;
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      this.typeError(node, 'a JSON value (string, finite number, true/false, null, list or map)', at);
      return undefined;
    }
    if (isSeq(node)) {
      const out: JsonValue[] = [];
      for (const item of node.items as (YamlNode | null)[]) {
        const v = this.json(item ?? null, node.range);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    if (isMap(node)) {
      const out: { [key: string]: JsonValue } = {};
      for (const entry of this.entries(node, 'a JSON object', at)) {
        const v = this.json(entry.value, entry.keyNode.range);
        // Reserved keys never get here (see `entries`), so plain assignment cannot touch a prototype.
        if (v !== undefined) out[entry.key] = v;
      }
      return out;
    }
    this.typeError(node, 'a JSON value', at);
    return undefined;
  }

  /** A JSON object (`data: {...}`, `defaults: {...}`). */
  jsonObject(entry: Entry | undefined): Record<string, JsonValue> {
    if (!entry || entry.value === null || (isScalar(entry.value) && entry.value.value === null)) return {};
    if (!isMap(entry.value)) {
      this.typeError(entry.value, `a map for "${entry.key}"`, entry.keyNode.range);
      return {};
    }
    return (this.json(entry.value, entry.keyNode.range) as Record<string, JsonValue> | undefined) ?? {};
  }
}
