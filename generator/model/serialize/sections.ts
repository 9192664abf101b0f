// The sections of a context file in canonical order, and how each renders its items.
// Named sections map element names to bodies; list sections hold items matched by a key.

import type { Node as YamlNode } from 'yaml';
import type { BoundedContext } from '../types.js';
import { isEmptyArchitecture, NodeBuilder } from './nodes.js';

/** One item of a section: its identity for matching and its rendered body. */
export interface SectionItem {
  /** Element name (named sections) or matching key (list sections). */
  key: string;
  node: YamlNode;
}

export type SectionShape = 'named' | 'list' | 'block';

export interface Section {
  key: string;
  shape: SectionShape;
  items: (ctx: BoundedContext, b: NodeBuilder) => SectionItem[];
}

/** Header keys come first, in this order, each one line (or a block scalar). */
export const HEADER_KEYS = ['stormsmith', 'context', 'description'] as const;

export const SECTIONS: readonly Section[] = [
  { key: 'relationships', shape: 'list', items: (c, b) => c.relationships.map((r) => ({ key: `${r.context}\u0000${r.kind}`, node: b.relationship(r) })) },
  { key: 'actors', shape: 'named', items: (c, b) => c.actors.map((e) => ({ key: e.name, node: b.actor(e) })) },
  { key: 'externalSystems', shape: 'named', items: (c, b) => c.externalSystems.map((e) => ({ key: e.name, node: b.externalSystem(e) })) },
  { key: 'valueObjects', shape: 'named', items: (c, b) => c.valueObjects.map((e) => ({ key: e.name, node: b.valueObject(e) })) },
  { key: 'aggregates', shape: 'named', items: (c, b) => c.aggregates.map((e) => ({ key: e.name, node: b.aggregate(e) })) },
  { key: 'commands', shape: 'named', items: (c, b) => c.commands.map((e) => ({ key: e.name, node: b.command(e) })) },
  { key: 'events', shape: 'named', items: (c, b) => c.events.map((e) => ({ key: e.name, node: b.event(e) })) },
  { key: 'policies', shape: 'named', items: (c, b) => c.policies.map((e) => ({ key: e.name, node: b.policy(e) })) },
  { key: 'projections', shape: 'named', items: (c, b) => c.projections.map((e) => ({ key: e.name, node: b.projection(e) })) },
  { key: 'hotspots', shape: 'list', items: (c, b) => c.hotspots.map((h) => ({ key: h.name, node: b.hotspot(h) })) },
  { key: 'specs', shape: 'list', items: (c, b) => c.specs.map((s) => ({ key: s.name, node: b.spec(s) })) },
  {
    key: 'architecture',
    shape: 'block',
    items: (c, b) => (isEmptyArchitecture(c.architecture) ? [] : [{ key: 'architecture', node: b.architecture(c.architecture) }]),
  },
];

/** The header values of a context: `stormsmith: 1`, `context: Name`, `description: …`. */
export function headerNodes(ctx: BoundedContext, b: NodeBuilder): [string, YamlNode | undefined][] {
  return [
    ['stormsmith', b.scalar(1)],
    ['context', b.scalar(ctx.name)],
    ['description', ctx.description === undefined ? undefined : b.scalar(ctx.description)],
  ];
}
