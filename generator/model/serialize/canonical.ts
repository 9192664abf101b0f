// A whole context file in canonical form: header, then each non-empty section in canonical
// order, separated by blank lines. Used for new files and whenever patching is not possible.

import type { BoundedContext } from '../types.js';
import { NodeBuilder } from './nodes.js';
import { renderEntry, renderItem } from './render.js';
import { headerNodes, SECTIONS, type Section } from './sections.js';

/** The lines of one section (its key line and items), or [] when it has nothing to say. */
export function sectionLines(section: Section, ctx: BoundedContext, b: NodeBuilder): string[] {
  const items = section.items(ctx, b);
  if (items.length === 0) return [];
  if (section.shape === 'block') return renderEntry(section.key, items[0]!.node, 0);
  const lines = [`${section.key}:`];
  for (const item of items) lines.push(...(section.shape === 'named' ? renderEntry(item.key, item.node, 2) : renderItem(item.node, 2)));
  return lines;
}

export function canonicalLines(ctx: BoundedContext): string[] {
  const b = new NodeBuilder();
  const lines: string[] = [];
  for (const [key, node] of headerNodes(ctx, b)) if (node) lines.push(...renderEntry(key, node, 0));
  for (const section of SECTIONS) {
    const body = sectionLines(section, ctx, b);
    if (body.length > 0) lines.push('', ...body);
  }
  return lines;
}
