// Mermaid diagrams of a model (docs/mermaid.md): the context map (relationships and the
// published events that cross them) and a context's flow (actor -> command -> event -> policy
// -> command, events -> projections). Pure and byte-stable: model order, fixed ids.
//
// Labels are quoted and their `"` written as `#quot;`, so any name or text is safe inside them;
// node ids are derived from names with everything but [A-Za-z0-9_] replaced, prefixed by kind
// (so `end`, `graph` or `class` never clash with Mermaid keywords).
import type { BoundedContext, Model, NameRef } from '../model/types.js';
import { buildNameIndex } from '../model/validate/name-index.js';

const safe = (s: string): string => s.replace(/[^A-Za-z0-9_]/g, '_');
const label = (s: string): string => s.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
const ctxId = (name: string): string => `ctx_${safe(name)}`;

/** flowchart LR: a node per context; relationships dotted, published events crossing as arrows. */
export function contextMapDiagram(model: Model): string {
  const index = buildNameIndex(model);
  const lines = ['flowchart LR'];
  for (const c of model.contexts) lines.push(`  ${ctxId(c.name)}["${label(c.name)}"]`);
  const known = new Set(model.contexts.map((c) => c.name));
  // Who reads whose events: producer -> consumer, one arrow per pair listing the events.
  const flows = new Map<string, { from: string; to: string; events: string[] }>();
  for (const c of model.contexts) {
    for (const event of c.events) {
      for (const consumer of index.consumers.get(event) ?? []) {
        if (consumer.context === c.name) continue;
        const key = `${c.name}\u0000${consumer.context}`;
        const flow = flows.get(key) ?? flows.set(key, { from: c.name, to: consumer.context, events: [] }).get(key)!;
        if (!flow.events.includes(event.name)) flow.events.push(event.name);
      }
    }
  }
  for (const f of flows.values()) lines.push(`  ${ctxId(f.from)} -- "${label(f.events.join(', '))}" --> ${ctxId(f.to)}`);
  for (const c of model.contexts) {
    for (const r of c.relationships) if (known.has(r.context)) lines.push(`  ${ctxId(c.name)} -. "${label(r.kind)}" .-> ${ctxId(r.context)}`);
  }
  return lines.join('\n');
}

const KIND_CLASS = {
  actor: 'fill:#fff9db,stroke:#f08c00',
  command: 'fill:#d0ebff,stroke:#1971c2',
  event: 'fill:#ffe8cc,stroke:#e8590c',
  policy: 'fill:#f3d9fa,stroke:#9c36b5',
  projection: 'fill:#d3f9d8,stroke:#2f9e44',
  external: 'fill:#ffe3e3,stroke:#c92a2a',
  foreign: 'fill:#f1f3f5,stroke:#868e96,stroke-dasharray:4 3',
} as const;

/**
 * flowchart LR of one context: actors issue commands, commands emit events, policies react to
 * events and issue commands, projections read events, external systems deliver events. Events of
 * other contexts that this context reads appear grey and dashed (`Context.Event`); nothing
 * outside what the context's own file references is drawn, so the diagram changes only with it.
 */
export function contextFlowDiagram(context: BoundedContext): string {
  const lines = ['flowchart LR'];
  const used = new Set<keyof typeof KIND_CLASS>();
  const node = (kind: keyof typeof KIND_CLASS, id: string, text: string): void => {
    used.add(kind);
    lines.push(`  ${id}["${label(text)}"]:::${kind}`);
  };
  const foreign = new Map<string, NameRef>();
  const edges: string[] = [];
  /** A referenced element's node id; another context's element gets a grey node of its own. */
  const refId = (kind: string, ref: NameRef): string => {
    if (ref.context === undefined || ref.context === context.name) return `${kind}_${safe(ref.name)}`;
    const id = `foreign_${safe(ref.context)}_${safe(ref.name)}`;
    foreign.set(id, ref);
    return id;
  };
  const eventRef = (ref: NameRef): string => refId('event', ref);
  for (const a of context.actors) node('actor', `actor_${safe(a.name)}`, `${a.name}`);
  for (const s of context.externalSystems) node('external', `external_${safe(s.name)}`, `${s.name}`);
  for (const cmd of context.commands) {
    node('command', `command_${safe(cmd.name)}`, cmd.name);
    if (cmd.actor) edges.push(`  ${refId('actor', cmd.actor)} --> command_${safe(cmd.name)}`);
    for (const e of cmd.emits) edges.push(`  command_${safe(cmd.name)} --> ${eventRef(e)}`);
  }
  for (const e of context.events) node('event', `event_${safe(e.name)}`, e.published ? `${e.name} (published)` : e.name);
  for (const s of context.externalSystems) for (const e of s.emits) edges.push(`  external_${safe(s.name)} --> ${eventRef(e)}`);
  for (const p of context.policies) {
    node('policy', `policy_${safe(p.name)}`, p.name);
    for (const e of p.on) edges.push(`  ${eventRef(e)} --> policy_${safe(p.name)}`);
    for (const c of p.issues) edges.push(`  policy_${safe(p.name)} --> ${refId('command', c)}`);
  }
  for (const p of context.projections) {
    node('projection', `projection_${safe(p.name)}`, p.name);
    for (const e of p.from) edges.push(`  ${eventRef(e)} --> projection_${safe(p.name)}`);
  }
  for (const [id, ref] of foreign) node('foreign', id, `${ref.context}.${ref.name}`);
  // Edges to names the model does not define would create bare nodes; the validator refuses
  // such models before generation, so every endpoint here has a node.
  lines.push(...[...new Set(edges)]);
  for (const kind of Object.keys(KIND_CLASS) as (keyof typeof KIND_CLASS)[]) if (used.has(kind)) lines.push(`  classDef ${kind} ${KIND_CLASS[kind]}`);
  return lines.join('\n');
}

/** The model overview: context map, then each context's flow, as Markdown. */
export function modelOverviewMarkdown(model: Model, title = 'Model overview'): string {
  const out = [`# ${title}`, '', '## Context map', '', 'Arrows: published events read by another context. Dotted: declared relationships.', '', '```mermaid', contextMapDiagram(model), '```', ''];
  for (const c of model.contexts) out.push(`## ${c.name}`, '', ...(c.description ? [c.description.replace(/\s+/g, ' ').trim(), ''] : []), '```mermaid', contextFlowDiagram(c), '```', '');
  return out.join('\n');
}
