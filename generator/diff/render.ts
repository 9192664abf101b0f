// The semantic diff as text, JSON, or GitHub-flavoured Markdown for a pull-request comment
// (a table of changes and a Mermaid flowchart of the changed part). Pure.
import type { Model } from '../model/types.js';
import { elementsOf } from '../model/validate/name-index.js';
import { referencesOf } from '../model/validate/references.js';
import type { ElementId, FieldChange, ModelChange, ModelDiff } from './semantic-diff.js';

const KIND: Record<string, string> = { aggregate: 'aggregate', command: 'command', event: 'event', policy: 'policy', projection: 'projection', actor: 'actor', externalSystem: 'external system', valueObject: 'value object' };
const name = (e: ElementId): string => `${KIND[e.kind] ?? e.kind} ${e.context}.${e.name}`;

function fieldText(f: FieldChange): string {
  switch (f.change) {
    case 'added':
      return `field ${f.field}: ${f.type} added`;
    case 'removed':
      return `field ${f.field}: ${f.type} removed`;
    case 'renamed':
      return `field ${f.from} renamed to ${f.field}`;
    case 'retyped':
      return `field ${f.field}: ${f.from} -> ${f.type}`;
  }
}

/** The detail lines of a changed element (what `diff` prints under its headline). */
export function details(c: Extract<ModelChange, { change: 'changed' }>): string[] {
  const out: string[] = [];
  if (c.published) out.push(c.published === 'newly-published' ? 'now published to other contexts' : 'no longer published');
  if (c.version) out.push(`version ${c.version.from} -> ${c.version.to}`);
  out.push(...c.fields.map(fieldText));
  out.push(...c.linksAdded.map((l) => `link added: ${l}`), ...c.linksRemoved.map((l) => `link removed: ${l}`));
  for (const m of c.mappings ?? []) out.push(m.from === undefined ? `with: ${m.field}: ${m.to} added` : m.to === undefined ? `with: ${m.field}: ${m.from} removed` : `with: ${m.field}: ${m.from} -> ${m.to}`);
  out.push(...(c.facts ?? []));
  if (c.schema) out.push(`schema: ${c.schema.verdict}${c.schema.notes.length ? ` (${c.schema.notes.join('; ')})` : ''}`);
  if (c.description) out.push('description changed');
  return out;
}

/** One line per change (`+ command Ordering.ChangeShippingAddress`). */
export function headline(c: ModelChange): string {
  switch (c.change) {
    case 'context-added':
      return `+ bounded context ${c.context}`;
    case 'context-removed':
      return `- bounded context ${c.context}`;
    case 'added':
      return `+ ${name(c.element)}`;
    case 'removed':
      return `- ${name(c.element)}`;
    case 'renamed':
      return `~ ${KIND[c.element.kind]} ${c.element.context}.${c.from} renamed to ${c.element.name}`;
    case 'changed':
      return `~ ${name(c.element)}`;
  }
}

/** `2 added, 2 changed, 1 newly published`, or `no domain changes`. */
export function summaryLine(diff: ModelDiff): string {
  const order = ['context-added', 'context-removed', 'added', 'removed', 'renamed', 'changed', 'newly-published', 'breaking'];
  const parts = order.filter((k) => diff.summary[k]).map((k) => `${diff.summary[k]} ${k.replace('-', ' ')}`);
  return parts.length ? parts.join(', ') : 'no domain changes';
}

export function renderText(diff: ModelDiff, against: string): string {
  const lines = [`Domain changes against ${against}: ${summaryLine(diff)}`];
  for (const c of diff.changes) {
    lines.push(headline(c));
    if (c.change === 'changed') lines.push(...details(c).map((d) => `    ${d}`));
  }
  return `${lines.join('\n')}\n`;
}

export const renderJson = (diff: ModelDiff, against: string): string => `${JSON.stringify({ against, ...diff }, null, 2)}\n`;

const mdEscape = (t: string): string => t.replace(/[|<>*_`[\]\\]/g, (ch) => `\\${ch}`);

export function renderMarkdown(diff: ModelDiff, against: string, before: Model, after: Model): string {
  const out = [`### Domain changes against \`${against.replace(/`/g, '')}\``, '', `**${summaryLine(diff)}**`, ''];
  if (diff.changes.length === 0) return `${out.join('\n')}\n`;
  out.push('| | element | what changed |', '|---|---|---|');
  const mark = { 'context-added': '🟢 added', 'context-removed': '🔴 removed', added: '🟢 added', removed: '🔴 removed', renamed: '🟡 renamed', changed: '🟡 changed' } as const;
  for (const c of diff.changes) {
    const what =
      c.change === 'changed'
        ? details(c).map(mdEscape).join('<br>')
        : c.change === 'renamed'
          ? `was ${mdEscape(c.from)}`
          : '';
    const who = 'element' in c ? mdEscape(name(c.element)) : `bounded context ${mdEscape(c.context)}`;
    const breaking = c.change === 'changed' && c.schema?.verdict === 'breaking' ? ' ⚠️ **breaking**' : '';
    out.push(`| ${mark[c.change]} | ${who} | ${what}${breaking} |`);
  }
  out.push('', '```mermaid', mermaidOfChanges(diff, before, after), '```', '');
  return `${out.join('\n')}\n`;
}

/** Mermaid node id: letters, digits and underscores only. */
const nodeId = (context: string, n: string): string => `${context}__${n}`.replace(/[^A-Za-z0-9_]/g, '_');
const label = (t: string): string => t.replace(/"/g, '#quot;');

/**
 * A flowchart of the changed elements and their direct neighbours: added green, removed grey
 * and dashed, changed or renamed amber; arrows are the model's links (new model, plus removed
 * ones from the old model, dashed).
 */
export function mermaidOfChanges(diff: ModelDiff, before: Model, after: Model): string {
  const status = new Map<string, 'added' | 'removed' | 'changed'>();
  for (const c of diff.changes) {
    if (!('element' in c)) continue;
    const id = nodeId(c.element.context, c.element.name);
    status.set(id, c.change === 'added' ? 'added' : c.change === 'removed' ? 'removed' : 'changed');
  }
  const kinds = new Map<string, { context: string; kind: string; name: string }>();
  for (const m of [before, after]) for (const c of m.contexts) for (const e of elementsOf(c)) kinds.set(nodeId(e.context, e.name), e);
  const edges = new Map<string, string>();
  const addEdges = (m: Model, arrow: string) => {
    for (const r of referencesOf(m)) {
      if (!r.dependency) continue;
      const ownerName = r.owner.replace(/^(external system|\w+) /, '');
      const from = nodeId(r.from, ownerName);
      const to = nodeId(r.ref.context ?? r.from, r.ref.name);
      if (!status.has(from) && !status.has(to)) continue;
      if (!kinds.has(from) || !kinds.has(to)) continue;
      const key = `${from} ${to}`;
      if (!edges.has(key)) edges.set(key, `  ${from} ${arrow} ${to}`);
    }
  };
  addEdges(after, '-->');
  addEdges(before, '-.->');
  const nodes = new Set<string>();
  for (const k of edges.keys()) for (const id of k.split(' ')) nodes.add(id);
  for (const id of status.keys()) nodes.add(id);
  const lines = ['flowchart LR'];
  for (const id of [...nodes].sort()) {
    const e = kinds.get(id);
    if (!e) continue;
    lines.push(`  ${id}["${label(`${KIND[e.kind] ?? e.kind}<br/>${e.context}.${e.name}`)}"]${status.has(id) ? `:::${status.get(id)}` : ''}`);
  }
  lines.push(...edges.values());
  lines.push('  classDef added fill:#d3f9d8,stroke:#2b8a3e', '  classDef removed fill:#f1f3f5,stroke:#868e96,stroke-dasharray:4 3', '  classDef changed fill:#fff3bf,stroke:#e67700');
  return lines.join('\n');
}
