// One domain file -> one BoundedContext. Top-level keys are the sections of the v1 format.

import { isMap, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { emptyContext } from '../empty-context.js';
import { FORMAT_VERSION, type BoundedContext, type Hotspot, type Relationship, type RelationshipKind } from '../types.js';
import { readArchitecture } from './architecture.js';
import { readActor, readAggregate, readCommand, readEvent, readExternalSystem, readPolicy, readProjection, readValueObject } from './elements.js';
import type { Entry, Fields, Reader } from './reader.js';
import { readSpecs } from './specs.js';

export const TOP_LEVEL_KEYS = [
  'stormsmith',
  'context',
  'description',
  'relationships',
  'actors',
  'externalSystems',
  'valueObjects',
  'aggregates',
  'commands',
  'events',
  'policies',
  'projections',
  'hotspots',
  'specs',
  'architecture',
] as const;

export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = [
  'customer-supplier',
  'conformist',
  'anticorruption-layer',
  'published-language',
  'open-host-service',
  'partnership',
  'shared-kernel',
];

// Apart from the reader (empty-context.ts) so the canvas can make a context without the YAML parser.
export { emptyContext };

/** Reads a parsed domain file. Returns undefined when it is not a context (wrong shape, no name). */
export function readContext(r: Reader, doc: Document.Parsed): BoundedContext | undefined {
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && root.value === null)) {
    r.diags.add([0, 0], {
      code: 'E_EMPTY',
      message: 'model file is empty',
      hint: 'start it with `stormsmith: 1` and `context: <Name>`, or delete the file',
    });
    return undefined;
  }
  if (!isMap(root)) {
    r.typeError(root, 'a map with `stormsmith: 1` and `context: <Name>` at the top of the file');
    return undefined;
  }
  const f = r.object(root, { what: 'a model file', required: ['stormsmith', 'context'], optional: TOP_LEVEL_KEYS.slice(2) }, [0, 0]);
  checkVersion(r, f);
  const contextEntry = f.get('context');
  const name = r.string(contextEntry);
  if (name === undefined || !contextEntry) return undefined;
  r.context = name;
  const ctx = emptyContext(name, r.src.file, contextEntry.loc);
  const description = r.string(f.get('description'));
  if (description !== undefined) ctx.description = description;

  for (const [key, entry] of f) {
    switch (key) {
      case 'relationships':
        ctx.relationships = readRelationships(r, entry);
        break;
      case 'actors':
        ctx.actors = named(r, entry, readActor);
        break;
      case 'externalSystems':
        ctx.externalSystems = named(r, entry, readExternalSystem);
        break;
      case 'valueObjects':
        ctx.valueObjects = named(r, entry, readValueObject);
        break;
      case 'aggregates':
        ctx.aggregates = named(r, entry, readAggregate);
        break;
      case 'commands':
        ctx.commands = named(r, entry, readCommand);
        break;
      case 'events':
        ctx.events = named(r, entry, readEvent);
        break;
      case 'policies':
        ctx.policies = named(r, entry, readPolicy);
        break;
      case 'projections':
        ctx.projections = named(r, entry, readProjection);
        break;
      case 'hotspots':
        ctx.hotspots = readHotspots(r, entry);
        break;
      case 'specs':
        ctx.specs = readSpecs(r, entry);
        break;
      case 'architecture':
        ctx.architecture = readArchitecture(r, entry);
        break;
    }
  }
  return ctx;
}

function checkVersion(r: Reader, f: Fields): void {
  const entry = f.get('stormsmith');
  if (!entry) return;
  const node = entry.value;
  if (node && isScalar(node) && node.value === FORMAT_VERSION) return;
  r.diags.add(node?.range ?? entry.keyNode.range, {
    code: 'E_FORMAT_VERSION',
    message: `unsupported format version ${node && isScalar(node) ? String(node.source ?? node.value) : 'nothing'}; this stormsmith reads version ${FORMAT_VERSION}`,
    hint: `write \`stormsmith: ${FORMAT_VERSION}\`, or upgrade stormsmith if the file was written by a newer version`,
  });
}

/** A section that maps element names to element bodies, in file order. */
function named<T>(r: Reader, entry: Entry, read: (r: Reader, e: Entry) => T | undefined): T[] {
  const out: T[] = [];
  for (const e of r.entries(entry.value, `"${entry.key}"`, entry.keyNode.range)) {
    const element = read(r, e);
    if (element !== undefined) out.push(element);
  }
  return out;
}

function readRelationships(r: Reader, entry: Entry): Relationship[] {
  const out: Relationship[] = [];
  for (const item of r.items(entry.value, 'relationships', entry.keyNode.range)) {
    if (!item || !isMap(item)) {
      r.typeError(item, 'a relationship `{ context, kind, description }`', entry.keyNode.range);
      continue;
    }
    const f = r.object(item, { what: 'a relationship', required: ['context', 'kind'], optional: ['description'] }, item.range);
    const context = r.string(f.get('context'));
    const kind = r.choice(f.get('kind'), RELATIONSHIP_KINDS);
    const description = r.string(f.get('description'));
    if (context === undefined || kind === undefined) continue;
    out.push({ context, kind, ...(description !== undefined ? { description } : {}), loc: f.get('context')!.loc });
  }
  return out;
}

/** Hotspots are a list (open questions have no names); `title` becomes Hotspot.name. */
function readHotspots(r: Reader, entry: Entry): Hotspot[] {
  const out: Hotspot[] = [];
  for (const item of r.items(entry.value, 'hotspots', entry.keyNode.range)) {
    if (!item || !isMap(item)) {
      r.typeError(item, 'a hotspot `{ title, about, description }`', entry.keyNode.range);
      continue;
    }
    const f = r.object(item, { what: 'a hotspot', required: ['title'], optional: ['about', 'description'] }, item.range);
    const titleEntry = f.get('title');
    const title = r.string(titleEntry);
    const description = r.string(f.get('description'));
    if (title === undefined || !titleEntry) continue;
    out.push({
      kind: 'hotspot',
      name: title,
      loc: titleEntry.loc,
      context: r.context,
      about: r.nameRefList(f.get('about')),
      ...(description !== undefined ? { description } : {}),
    });
  }
  return out;
}
