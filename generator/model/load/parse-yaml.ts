// Text -> yaml Document, with every input hazard of hardening.md C1 turned into a positioned
// diagnostic before any model code looks at the nodes. Nothing here calls `toJS`: the readers
// walk the Document, so alias bombs, prototype keys and deep nesting never reach a plain object.

import { isAlias, isCollection, isMap, isPair, isScalar, Lexer, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { FileDiagnostics, SourceText } from './source-text.js';

export interface ParseLimits {
  /** Largest accepted file, in bytes (UTF-8) or characters when only text is given. Default 5 MB. */
  maxBytes: number;
  /** Deepest accepted nesting of maps and lists. Default 64 (the format itself needs about 8). */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 64 };

/** Keys that would change an object's prototype or shadow its constructor once converted. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface ParsedYaml {
  src: SourceText;
  diags: FileDiagnostics;
  /** Absent when the file could not be parsed well enough to read a model from it. */
  doc?: Document.Parsed;
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?:[ \t]|\r?$)/m;

/** What a file may contain, decided before parsing. Returns false when parsing must not start. */
function precheck(src: SourceText, diags: FileDiagnostics): boolean {
  const text = src.text;
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    diags.add([nul, nul], {
      code: 'E_ENCODING',
      message: 'file contains NUL characters; model files must be UTF-8 text',
      hint: 'a UTF-16 file looks like this: save it as UTF-8',
    });
    return false;
  }
  const conflict = CONFLICT_MARKER.exec(text);
  if (conflict) {
    diags.add([conflict.index, conflict.index + 7], {
      code: 'E_MERGE_CONFLICT',
      message: 'unresolved git merge conflict marker',
      hint: 'resolve the conflict (keep one side between <<<<<<< and >>>>>>>) and save again',
    });
    return false;
  }
  // One scalar may not exceed MAX_SCALAR_CHARS (docs/security.md): composing a 4.9 MB quoted
  // scalar kept ~164 MB alive. Checked on the lexer's tokens, before the document is built.
  let at = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.length > MAX_SCALAR_CHARS) {
      diags.add([at, at + 1], {
        code: 'E_SCALAR_TOO_LARGE',
        message: `a single value of ${token.length} characters; at most ${MAX_SCALAR_CHARS} are accepted`,
        hint: 'model values are names and short texts; keep long documents in separate files',
      });
      return false;
    }
    at += token.length;
  }
  return true;
}

/** docs/security.md: the longest single YAML token (a scalar, usually) a model file may hold. */
export const MAX_SCALAR_CHARS = 1024 * 1024;

/** Maps the yaml library's error codes to ours. */
function yamlErrorCode(code: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'E_MULTIPLE_DOCS';
    case 'RESOURCE_EXHAUSTION':
      return 'E_TOO_DEEP';
    case 'DUPLICATE_KEY':
      return 'E_DUPLICATE_KEY';
    case 'BAD_ALIAS':
      return 'E_YAML_ALIAS';
    default:
      return 'E_YAML_SYNTAX';
  }
}

function yamlErrorHint(code: string): string {
  switch (code) {
    case 'MULTIPLE_DOCS':
      return 'a model file holds one document; remove the `---` separator or split the file';
    case 'TAB_AS_INDENT':
      return 'YAML indentation must use spaces, not tabs';
    case 'RESOURCE_EXHAUSTION':
      return 'the file nests too deeply to be a model file';
    default:
      return 'fix the YAML syntax at this position';
  }
}

/** First line of a yaml error message, without the trailing " at line X, column Y:". */
function shortMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  // Library wording that means nothing to a model author (issue 19): said in our words.
  for (const [pattern, ours] of LIBRARY_MESSAGES) if (pattern.test(first)) return ours;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

const LIBRARY_MESSAGES: [RegExp, string][] = [
  [/Maximum call stack size exceeded/i, 'nesting too deep to read'],
  [/multiple documents|parseAllDocuments/i, 'a model file holds one YAML document; this one has more (a second "---" or "...")'],
];

export function parseYaml(file: string, text: string, limits: ParseLimits): ParsedYaml {
  const src = new SourceText(file, text);
  const diags = new FileDiagnostics(src);
  if (!precheck(src, diags)) return { src, diags };

  const doc = parseDocument(text, {
    // We report duplicates ourselves, pointing at the first occurrence too.
    uniqueKeys: false,
    // `!!binary`, `!!set`, ... must not turn into Uint8Array / Set: they become TAG_RESOLVE_FAILED.
    resolveKnownTags: false,
    merge: false,
    prettyErrors: false,
    keepSourceTokens: false,
    version: '1.2',
  });

  let fatal = false;
  let tooDeep = false;
  for (const error of doc.errors) {
    fatal = true;
    // Stack exhaustion is reported once per nesting level on the way out: one is enough.
    if (error.code === 'RESOURCE_EXHAUSTION') {
      if (tooDeep) continue;
      tooDeep = true;
    }
    const tabs = /\t/.test(text.slice(error.pos[0], error.pos[1] + 1)) || error.code === 'TAB_AS_INDENT';
    diags.add(error.pos, {
      code: yamlErrorCode(error.code),
      message: tabs && error.code !== 'TAB_AS_INDENT' ? `${shortMessage(error.message)} (tab character)` : shortMessage(error.message),
      hint: tabs ? 'YAML indentation must use spaces, not tabs' : yamlErrorHint(error.code),
    });
  }
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      diags.add(warning.pos, {
        code: 'E_UNSUPPORTED_TAG',
        message: `${shortMessage(warning.message)}; YAML tags are not supported in model files`,
        hint: 'remove the tag (`!…`); write plain values, and quote strings that look like numbers',
      });
    } else {
      diags.add(warning.pos, { code: 'W_YAML', severity: 'warning', message: shortMessage(warning.message) });
    }
  }
  if (fatal) return { src, diags };
  if (!checkNodes(doc, diags, limits)) return { src, diags };
  return { src, diags, doc };
}

/**
 * One iterative walk over every node (no recursion, so no stack overflow on hostile input):
 * aliases and anchors, reserved keys, merge keys, duplicate keys, and the depth limit.
 * Returns false when the document is too deep to be read safely.
 */
function checkNodes(doc: Document.Parsed, diags: FileDiagnostics, limits: ParseLimits): boolean {
  // Two parallel stacks rather than one of {node, depth} objects: this walk visits every node
  // of every file, and the allocations showed in profiles of big models.
  const nodes: unknown[] = [doc.contents];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      diags.add(node.range, {
        code: 'E_YAML_ALIAS',
        message: `alias *${node.source} is not supported in model files`,
        hint: 'anchors and aliases are not supported in model files; write the value out in full',
      });
      continue;
    }
    const yamlNode = node as YamlNode;
    const collection = isCollection(yamlNode);
    if ((collection || isScalar(yamlNode)) && yamlNode.anchor) {
      // A collection's range starts at its first item; point at the `&name` itself.
      const start = yamlNode.range?.[0] ?? 0;
      const at = diags.src.text.lastIndexOf(`&${yamlNode.anchor}`, start);
      diags.add(at === -1 ? yamlNode.range : [at, at + yamlNode.anchor.length + 1], {
        code: 'E_YAML_ALIAS',
        message: `anchor &${yamlNode.anchor} is not supported in model files`,
        hint: 'anchors and aliases are not supported in model files; remove the anchor',
      });
    }
    if (!collection) continue;
    if (depth >= limits.maxDepth) {
      diags.add(yamlNode.range, {
        code: 'E_TOO_DEEP',
        message: `nesting deeper than ${limits.maxDepth} levels`,
        hint: 'model files never need this much nesting; flatten the value',
      });
      return false;
    }
    const items = yamlNode.items as unknown[];
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (isPair(item)) {
        nodes.push(item.value, item.key);
        depths.push(depth + 1, depth + 1);
      } else {
        nodes.push(item);
        depths.push(depth + 1);
      }
    }
    if (!isMap(yamlNode)) continue;
    // Most maps have one key: no need for a map of seen keys then.
    const seen = yamlNode.items.length > 1 ? new Map<string, YamlNode>() : undefined;
    for (const pair of yamlNode.items) {
      const key = pair.key;
      if (!isScalar(key)) continue; // readers report non-scalar keys where a key matters
      const name = keyText(key);
      if (RESERVED_KEYS.has(name)) {
        diags.add(key.range, {
          code: 'E_RESERVED_KEY',
          message: `"${name}" cannot be used as a key`,
          hint: '`__proto__`, `constructor` and `prototype` are reserved; rename the key',
        });
      } else if (name === '<<') {
        diags.add(key.range, {
          code: 'E_UNKNOWN_FIELD',
          message: 'merge keys (`<<`) are not supported in model files',
          hint: 'write the keys out in full',
        });
      }
      if (!seen) continue;
      const first = seen.get(name);
      if (first) {
        const at = diags.src.pos(first.range?.[0] ?? 0);
        diags.add(key.range, {
          code: 'E_DUPLICATE_KEY',
          message: `duplicate key "${name}" (first at ${at.line}:${at.col})`,
          hint: 'each key may appear once in a map: rename one of them or merge them',
          related: [diags.src.at(first.range)],
        });
      } else {
        seen.set(name, key);
      }
    }
  }
  return true;
}

/** The text of a scalar key as written (so `010` stays "010" and `1.0` stays "1.0"). */
export function keyText(key: YamlNode): string {
  if (isScalar(key)) {
    if (typeof key.value === 'string') return key.value;
    if (typeof key.source === 'string') return key.source;
    return String(key.value);
  }
  return '';
}
