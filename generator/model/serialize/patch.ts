// Rewrites only what changed in an existing context file.
//
// The previous text is parsed with the same loader; each element is matched to its previous
// version (by name, or by key/index in list sections) and compared through its canonical
// rendering. Unchanged elements keep their exact lines (comments, key order, blank lines, flow
// style, indentation); a changed element's lines are replaced; new elements are inserted after
// their predecessor; removed ones are removed with the comment lines directly above them.
// Where the layout of the old file does not allow line edits (a flow-style section, two items
// on one line) the whole section is rewritten. Returns undefined when patching is not possible
// at all (the caller then writes the file in canonical form).

import { isCollection, isMap, isPair, isSeq, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { readContext } from '../load/context.js';
import { DEFAULT_LIMITS, keyText, parseYaml } from '../load/parse-yaml.js';
import { Reader } from '../load/reader.js';
import { FileDiagnostics, type SourceText } from '../load/source-text.js';
import type { BoundedContext } from '../types.js';
import { sectionLines } from './canonical.js';
import { LineEdits } from './line-edits.js';
import { NodeBuilder } from './nodes.js';
import { renderEntry, renderItem } from './render.js';
import { HEADER_KEYS, headerNodes, SECTIONS, type Section, type SectionItem } from './sections.js';

/** Lines `start..end` (0-based, inclusive) of one pair or list item of the old text. */
interface Span {
  start: number;
  end: number;
  /** Column (0-based) of the key or of the `-` of a list item. */
  indent: number;
}

class OldText {
  readonly lines: string[];

  constructor(readonly src: SourceText) {
    this.lines = src.text.split('\n');
  }

  line(offset: number): number {
    return this.src.pos(offset).line - 1;
  }

  /** End offset of what a node says, leaving out trailing comments and blank lines. */
  private endOffset(node: YamlNode): number {
    let current: YamlNode = node;
    while (isCollection(current) && !current.flow && current.items.length > 0) {
      const last = current.items[current.items.length - 1] as unknown;
      const next = isPair(last) ? ((last.value as YamlNode | null) ?? (last.key as YamlNode)) : (last as YamlNode | null);
      if (!next) break;
      current = next;
    }
    let end = current.range?.[1] ?? 0;
    const text = this.src.text;
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    return end;
  }

  /**
   * The lines of a pair of a block map (key first on its line) or of a block list item
   * (`- ` first on its line). Undefined when something else shares those lines.
   */
  span(startOffset: number, last: YamlNode, listItem: boolean): Span | undefined {
    const start = this.line(startOffset);
    const lineText = this.lines[start] ?? '';
    const lineOffset = this.src.lineStart(start + 1);
    const before = lineText.slice(0, startOffset - lineOffset);
    const prefix = listItem ? /^(\s*)-\s+$/.exec(before) : /^(\s*)$/.exec(before);
    if (!prefix) return undefined;
    const endOffset = Math.max(startOffset, this.endOffset(last));
    const end = this.line(Math.max(startOffset, endOffset - 1));
    const rest = (this.lines[end] ?? '').slice(endOffset - this.src.lineStart(end + 1));
    if (!/^\s*(#.*)?$/.test(rest)) return undefined;
    return { start, end, indent: prefix[1]!.length };
  }

  pairSpan(pair: Pair): Span | undefined {
    const key = pair.key as YamlNode;
    return this.span(key.range?.[0] ?? 0, (pair.value as YamlNode | null) ?? key, false);
  }

  /** Comment lines directly above `line` (no blank line between). */
  commentsAbove(line: number, floor: number): number {
    let first = line;
    while (first - 1 > floor && /^\s*#/.test(this.lines[first - 1] ?? '')) first--;
    return first;
  }
}

const rendered = (section: Section, item: SectionItem): string =>
  (section.shape === 'named' ? renderEntry(item.key, item.node, 0) : renderItem(item.node, 0)).join('\n');

/** Match list items by key when keys are unique on both sides, else by position. */
function listKeys(items: SectionItem[], byKey: boolean): string[] {
  return items.map((item, i) => (byKey ? item.key : String(i)));
}

const unique = (keys: string[]) => new Set(keys).size === keys.length;

export interface PatchOptions {
  /**
   * Edit a changed element key by key (keeping its comments, key order and keys the model does
   * not know) instead of rewriting its lines whole. The caller falls back to whole elements when
   * the result does not read back.
   */
  deep?: boolean;
}

export function patchContext(ctx: BoundedContext, text: string, options: PatchOptions = {}): string[] | undefined {
  const parsed = parseYaml(ctx.file, text, { ...DEFAULT_LIMITS, maxBytes: Number.POSITIVE_INFINITY });
  if (!parsed.doc || parsed.diags.hasErrors) return undefined;
  const root = parsed.doc.contents as YamlNode | null;
  if (!root || !isMap(root) || root.flow) return undefined;
  const diags = new FileDiagnostics(parsed.src);
  // A file with structural errors is patched too: elements the loader could not read are not in
  // any model, so nobody can have changed or deleted them; their lines are kept as they are.
  const prev = readContext(new Reader(parsed.src, diags), parsed.doc);
  if (!prev) return undefined;

  const old = new OldText(parsed.src);
  const edits = new LineEdits();
  const top = new Map<string, { pair: Pair; span: Span }>();
  for (const pair of (root as YAMLMap).items as Pair[]) {
    const span = old.pairSpan(pair);
    if (!span || span.indent !== 0) return undefined;
    top.set(keyText(pair.key as YamlNode), { pair, span });
  }

  const b = new NodeBuilder();
  const bPrev = new NodeBuilder();

  // Header keys: stormsmith, context, description.
  const newHeader = new Map(headerNodes(ctx, b));
  const oldHeader = new Map(headerNodes(prev, bPrev));
  let headerEnd = -1;
  for (const key of HEADER_KEYS) {
    const at = top.get(key);
    if (at) headerEnd = Math.max(headerEnd, at.span.end);
  }
  for (const key of HEADER_KEYS) {
    const now = newHeader.get(key);
    const was = oldHeader.get(key);
    const at = top.get(key);
    const nowLines = now ? renderEntry(key, now, 0) : [];
    if (at) {
      if (!was || nowLines.join('\n') !== renderEntry(key, was, 0).join('\n')) edits.replace(at.span.start, at.span.end, nowLines);
    } else if (now) {
      edits.insertBefore(headerEnd + 1, nowLines);
    }
  }

  // Sections, in canonical order; a missing section is inserted after the closest one before it.
  let anchor = headerEnd;
  for (const section of SECTIONS) {
    const nowItems = section.items(ctx, b);
    const at = top.get(section.key);
    if (!at) {
      if (nowItems.length > 0) edits.insertBefore(anchor + 1, ['', ...sectionLines(section, ctx, b)]);
      continue;
    }
    anchor = Math.max(anchor, at.span.end);
    const wasItems = section.items(prev, bPrev);
    const written = isCollection(at.pair.value) ? at.pair.value.items.length : wasItems.length;
    if (nowItems.length === 0 && written === wasItems.length) {
      // Also drop the blank line that separated the section from the one before.
      const blankBefore = at.span.start > 0 && (old.lines[at.span.start - 1] ?? '').trim() === '';
      edits.remove(blankBefore ? at.span.start - 1 : at.span.start, at.span.end);
      continue;
    }
    if (!patchSection(section, at.pair, at.span, wasItems, nowItems, old, edits, options.deep ?? false)) {
      edits.replace(at.span.start, at.span.end, sectionLines(section, ctx, b));
    }
  }
  return edits.apply(old.lines);
}

/** Item-level edits of one section; false when the section must be rewritten whole. */
function patchSection(section: Section, pair: Pair, span: Span, was: SectionItem[], now: SectionItem[], old: OldText, edits: LineEdits, deep: boolean): boolean {
  // Nothing changed: keep the section as written, whatever its style.
  if (was.length === now.length && was.every((item, i) => item.key === now[i]!.key && rendered(section, item) === rendered(section, now[i]!))) return true;
  if (section.shape === 'block') return false;
  const value = pair.value as YamlNode | null;
  const fits = section.shape === 'named' ? value && isMap(value) : value && isSeq(value);
  if (!fits || !isCollection(value) || value.flow || value.items.length === 0) return false;
  // A list with items the loader dropped cannot be matched by position.
  if (section.shape === 'list' && value.items.length !== was.length) return false;

  // Where each written item is, and which model element (if any) it was read as.
  const written: { key: string; span: Span; was?: SectionItem; value?: YamlNode | null }[] = [];
  const byKey = section.shape === 'named' || (unique(was.map((i) => i.key)) && unique(now.map((i) => i.key)));
  const wasKeys = listKeys(was, byKey);
  const wasByKey = new Map(wasKeys.map((k, i) => [k, was[i]!]));
  for (const [i, item] of (value.items as unknown[]).entries()) {
    const s = isPair(item) ? old.pairSpan(item) : item ? old.span((item as YamlNode).range?.[0] ?? 0, item as YamlNode, true) : undefined;
    if (!s) return false;
    const key = isPair(item) ? keyText(item.key as YamlNode) : wasKeys[i]!;
    written.push({ key, span: s, was: wasByKey.get(key), value: isPair(item) ? (item.value as YamlNode | null) : undefined });
  }
  const indent = written[0]!.span.indent;
  const nowKeys = listKeys(now, byKey);
  const nowSet = new Set(nowKeys);
  const writtenIndex = new Map(written.map((w, i) => [w.key, i]));

  // Kept elements must keep their relative order; otherwise rewrite the section.
  const keptOld = written.map((w) => w.key).filter((k) => nowSet.has(k));
  const keptNew = nowKeys.filter((k) => writtenIndex.has(k));
  if (keptOld.join('\u0000') !== keptNew.join('\u0000')) return false;

  const render = (item: SectionItem) => (section.shape === 'named' ? renderEntry(item.key, item.node, indent) : renderItem(item.node, indent));

  written.forEach((w, i) => {
    // Removed from the model. Items the loader could not read stay.
    if (nowSet.has(w.key) || !w.was) return;
    const floor = i === 0 ? span.start : written[i - 1]!.span.end;
    edits.remove(old.commentsAbove(w.span.start, floor), w.span.end);
  });
  let insertAt = span.start + 1;
  now.forEach((item, j) => {
    const i = writtenIndex.get(nowKeys[j]!);
    if (i === undefined) {
      edits.insertBefore(insertAt, render(item));
      return;
    }
    const w = written[i]!;
    if (!w.was || rendered(section, w.was) !== rendered(section, item)) {
      const inPlace = deep && w.was && section.shape === 'named' && patchMap(w.value ?? null, w.was.node, item.node, old, edits);
      if (!inPlace) edits.replace(w.span.start, w.span.end, render(item));
    }
    insertAt = w.span.end + 1;
  });
  return true;
}

const printed = (key: string, node: YamlNode) => renderEntry(key, node, 0).join('\n');

/** The pairs of a map the serializer built, by key. */
function builtPairs(node: YamlNode): Map<string, YamlNode> | undefined {
  if (!isMap(node)) return undefined;
  const out = new Map<string, YamlNode>();
  for (const p of node.items as Pair[]) out.set(keyText(p.key as YamlNode), p.value as YamlNode);
  return out;
}

/**
 * Key-level edits of one block map of the old text (`written`) that was read as `was` and is now
 * `now` (both built by the serializer). Keys the model does not know (in `written` but not in
 * `was`) stay; keys the edit removed go (with the comment lines directly above them); changed
 * keys are edited in place, recursively for block maps; new keys go after the key before them in
 * `now`. False when the old map cannot be edited line by line (the caller replaces it whole);
 * no edit has been recorded then.
 */
function patchMap(written: YamlNode | null, was: YamlNode, now: YamlNode, old: OldText, edits: LineEdits): boolean {
  const wasPairs = builtPairs(was);
  const nowPairs = builtPairs(now);
  if (!written || !isMap(written) || written.flow || written.items.length === 0 || !wasPairs || !nowPairs || (isCollection(now) && now.flow)) return false;
  const pairs: { key: string; pair: Pair; span: Span }[] = [];
  for (const item of written.items as Pair[]) {
    const span = old.pairSpan(item);
    if (!span) return false;
    pairs.push({ key: keyText(item.key as YamlNode), pair: item, span });
  }
  const indent = pairs[0]!.span.indent;
  if (pairs.some((p) => p.span.indent !== indent)) return false;
  if (new Set(pairs.map((p) => p.key)).size !== pairs.length) return false;
  const local = new LineEdits();
  const byKey = new Map(pairs.map((p) => [p.key, p]));
  pairs.forEach((p, i) => {
    if (nowPairs.has(p.key) || !wasPairs.has(p.key)) return;
    const floor = i === 0 ? p.span.start - 1 : pairs[i - 1]!.span.end;
    local.remove(old.commentsAbove(p.span.start, floor), p.span.end);
  });
  // A key new to the map goes right after the key before it, or above the first key's comments.
  let insertAt = old.commentsAbove(pairs[0]!.span.start, -1);
  for (const [key, value] of nowPairs) {
    const at = byKey.get(key);
    if (!at) {
      local.insertBefore(insertAt, renderEntry(key, value, indent));
      continue;
    }
    insertAt = at.span.end + 1;
    const before = wasPairs.get(key);
    if (before && printed(key, before) === printed(key, value)) continue;
    if (before && patchMap(at.pair.value as YamlNode | null, before, value, old, local)) continue;
    local.replace(at.span.start, at.span.end, renderEntry(key, value, indent));
  }
  edits.merge(local);
  return true;
}
