// Model -> ESDM documents (docs/esdm.md has the field-by-field mapping). Pure: returns the
// files to write and a report of everything ESDM has no field for.
//
// ESDM names are kebab-case; Stormsmith names are PascalCase/camelCase. Every document keeps the
// exact Stormsmith name in `metadata.annotations["stormsmith.io/name"]`, and facts ESDM cannot
// express (event versions, rejections, projection keys, specs, ...) go into annotations too, so
// `import esdm` gives the same model back. Each such fact is also listed in the report.
import { stringify } from 'yaml';
import { kebabCase } from '../names.js';
import { formatFieldSource } from '../model/field-source.js';
import type { BoundedContext, Event, Field, JsonValue, Model, NameRef } from '../model/types.js';
import { commandJsonSchema, eventJsonSchema, fieldsToJsonSchema } from '../schemas/json-schema.js';
import { ANNOTATION_PREFIX, ESDM_API_VERSION, type EsdmDocument, type EsdmNote } from './types.js';

export interface EsdmExport {
  /** Relative path (`/` separators) -> YAML text. */
  files: Map<string, string>;
  notes: EsdmNote[];
}

const kebab = (name: string): string => {
  const k = kebabCase(name).replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return /^[a-z]/.test(k) ? k : `x-${k || 'unnamed'}`;
};
const NO_DIALECT = { valueObjects: 'inline', dialect: false } as const;

/** Strips the loader's source positions (`loc`) from model data kept in annotations. */
const withoutLoc = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'loc' ? undefined : v))) as JsonValue;

export function exportEsdm(model: Model, domainName: string): EsdmExport {
  const files = new Map<string, string>();
  const notes: EsdmNote[] = [];
  const domain = kebab(domainName);
  const write = (path: string, doc: EsdmDocument) => files.set(path, stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }));
  // Model order (one file per element loses it: folders list alphabetically).
  let order = 0;
  const base = (kind: string, name: string, description: string | undefined, annotations: Record<string, string>): EsdmDocument => {
    const doc: EsdmDocument = { apiVersion: ESDM_API_VERSION, kind, name: kebab(name) };
    if (description !== undefined) doc.description = description;
    doc.metadata = { annotations: { [`${ANNOTATION_PREFIX}name`]: name, [`${ANNOTATION_PREFIX}order`]: String(order++), ...annotations } };
    return doc;
  };
  const keep = (annotations: Record<string, string>, key: string, value: unknown, where: string, what: string): void => {
    annotations[`${ANNOTATION_PREFIX}${key}`] = typeof value === 'string' ? value : JSON.stringify(withoutLoc(value));
    notes.push({ where, what, fate: 'kept-as-annotation' });
  };

  /** Fields written with the `schema:` escape hatch: their schemas, which the payload's JSON cannot tell apart. */
  const keepSchemaFields = (annotations: Record<string, string>, fields: readonly Field[], where: string, context: string): void => {
    const hatch = fields.filter((f) => f.type.kind === 'schema');
    if (hatch.length > 0) keep(annotations, 'schemaFields', Object.fromEntries(hatch.map((f) => [f.name, f.type.kind === 'schema' ? f.type.schema : null])), where, 'fields written as a JSON Schema (`schema:`)');
    // A value-object field's description is written over the value object's; when the two are the
    // same text the payload cannot tell whether the field had one, so say which fields did.
    const valueObjectDescription = (name: string) => (model.contexts.find((x) => x.name === context)?.valueObjects.find((v) => v.name === name) ?? model.contexts.flatMap((x) => x.valueObjects).find((v) => v.name === name))?.description;
    const alike = fields.filter((f) => f.type.kind === 'ref' && f.description !== undefined && typeof f.deprecated !== 'string' && f.description === valueObjectDescription(f.type.name));
    if (alike.length > 0) keep(annotations, 'describedLikeValueObject', alike.map((f) => f.name), where, "value-object fields whose description is their value object's");
  };

  /** `Name` or `Context.Name`, as the model wrote it. */
  const qualified = (r: NameRef): string => (r.context ? `${r.context}.${r.name}` : r.name);

  write(`${domain}.esdm.yaml`, { apiVersion: ESDM_API_VERSION, kind: 'domain', name: domain });

  const eventOf = (ref: NameRef, from: string): Event | undefined => model.contexts.find((c) => c.name === (ref.context ?? from))?.events.find((e) => e.name === ref.name);
  const eventRef = (ref: NameRef, from: string): EsdmDocument => {
    const ctx = ref.context ?? from;
    const e = eventOf(ref, from);
    return e?.aggregate ? { boundedContext: kebab(ctx), aggregate: kebab(e.aggregate.name), event: kebab(ref.name) } : { boundedContext: kebab(ctx), event: kebab(ref.name) };
  };

  for (const c of model.contexts) {
    const bc = kebab(c.name);
    const dir = bc;
    const ann: Record<string, string> = {};
    if (c.relationships.length) keep(ann, 'relationships', c.relationships, c.name, 'relationships (ESDM context-mapping documents are not written yet)');
    if (c.valueObjects.length) keep(ann, 'valueObjects', c.valueObjects, c.name, 'value objects (inlined into every payload schema that uses them)');
    if (c.hotspots.length) keep(ann, 'hotspots', c.hotspots, c.name, 'hotspots (open questions)');
    if (c.specs.length) keep(ann, 'specs', c.specs, c.name, 'specs (given/when/then; ESDM has a separate Given-When-Then extension)');
    if (c.architecture.slas.length || c.architecture.decisions.length || c.architecture.eventStore || c.architecture.retry) keep(ann, 'architecture', c.architecture, c.name, 'architecture facts (SLAs, decisions, event store, retry)');
    write(`${dir}/bounded-context.esdm.yaml`, { ...base('bounded-context', c.name, c.description, ann), scope: { domain } });

    for (const a of c.aggregates) {
      const where = `${c.name}.${a.name}`;
      const an: Record<string, string> = { [`${ANNOTATION_PREFIX}identity`]: a.identity };
      if (a.longLived !== undefined || a.snapshotEvery !== undefined) keep(an, 'snapshots', { longLived: a.longLived ?? null, snapshotEvery: a.snapshotEvery ?? null }, where, 'snapshot settings');
      keepSchemaFields(an, a.state, where, c.name);
      const doc = base('aggregate', a.name, a.description, an);
      doc.scope = { domain, boundedContext: bc };
      doc.identifiedBy = { source: 'state', field: kebab(a.identity) };
      doc.state = fieldsToJsonSchema(model, c.name, a.state, NO_DIALECT);
      if (a.invariants.length) doc.invariants = a.invariants.map((inv, i) => ({ name: `invariant-${i + 1}`, rule: inv.text }));
      write(`${dir}/aggregate-${kebab(a.name)}.esdm.yaml`, doc);
    }
    for (const cmd of c.commands) {
      const where = `${c.name}.${cmd.name}`;
      const an: Record<string, string> = {};
      if (cmd.rejects.length) keep(an, 'rejects', cmd.rejects.map((r) => r.name), where, 'rejections (domain errors)');
      if (cmd.creates !== undefined) keep(an, 'creates', String(cmd.creates), where, 'whether the command starts its aggregate (existence)');
      if (cmd.emits.length === 0) notes.push({ where, what: 'a command that emits nothing: ESDM requires publishes; written empty', fate: 'approximated' });
      keepSchemaFields(an, cmd.fields, where, c.name);
      const doc = base('command', cmd.name, cmd.description, an);
      doc.scope = { domain, boundedContext: bc, aggregate: kebab(cmd.aggregate.name) };
      doc.data = commandJsonSchema(model, cmd, NO_DIALECT);
      doc.publishes = cmd.emits.map((e) => kebab(e.name));
      if (cmd.actor) doc.actors = [kebab(cmd.actor.name)];
      write(`${dir}/command-${kebab(cmd.name)}.esdm.yaml`, doc);
    }
    for (const e of c.events) {
      const where = `${c.name}.${e.name}`;
      const an: Record<string, string> = { [`${ANNOTATION_PREFIX}version`]: String(e.version), [`${ANNOTATION_PREFIX}published`]: String(e.published) };
      notes.push({ where, what: 'version and published flag (ESDM has no event versions)', fate: 'kept-as-annotation' });
      if (e.previousVersions.length) keep(an, 'previousVersions', e.previousVersions, where, 'previous versions and their upcasts');
      if (e.reserved.length) keep(an, 'reserved', e.reserved, where, 'reserved field names');
      if (e.source) keep(an, 'source', e.source.name, where, 'external system that delivers the event');
      if (e.retired !== undefined) keep(an, 'retired', String(e.retired), where, 'retired event (no longer emitted, still replayed)');
      if ((e.formerly ?? []).length > 0) keep(an, 'formerly', (e.formerly ?? []).map(qualified), where, 'former names of a renamed event');
      keepSchemaFields(an, e.fields, where, c.name);
      const doc = base('event', e.name, e.description, an);
      doc.scope = e.aggregate ? { domain, boundedContext: bc, aggregate: kebab(e.aggregate.name) } : { domain, boundedContext: bc };
      doc.data = eventJsonSchema(model, e, undefined, NO_DIALECT);
      write(`${dir}/event-${kebab(e.name)}.esdm.yaml`, doc);
    }
    for (const p of c.policies) {
      const where = `${c.name}.${p.name}`;
      // A policy's context is Stormsmith's; ESDM scopes policies to the domain.
      const an: Record<string, string> = { [`${ANNOTATION_PREFIX}context`]: c.name };
      // docs/adr/0096: what the policy reads and where its commands' fields come from.
      if ((p.reads ?? []).length > 0) keep(an, 'reads', (p.reads ?? []).map(qualified), where, 'read models the policy reads');
      if ((p.with ?? []).length > 0) keep(an, 'with', Object.fromEntries((p.with ?? []).map((w) => [w.field, formatFieldSource(w.source)])), where, "where the issued commands' fields come from");
      const doc = base('policy', p.name, p.description, an);
      doc.scope = { domain };
      // Generated policies run as async processors with checkpoints: at-least-once, and the
      // generated command handlers are idempotent by command identity.
      doc.deliveryGuarantee = 'at-least-once';
      doc.idempotency = { owner: 'infrastructure', strategy: 'command-identity' };
      doc.handles = p.on.map((r) => eventRef(r, c.name));
      doc.emits = p.issues.map((r) => {
        const ctx = model.contexts.find((x) => x.name === (r.context ?? c.name));
        const cmd = ctx?.commands.find((x) => x.name === r.name);
        return { boundedContext: kebab(r.context ?? c.name), aggregate: kebab(cmd?.aggregate.name ?? 'unknown'), command: kebab(r.name) };
      });
      if (p.on.length === 0 || p.issues.length === 0) notes.push({ where, what: 'a policy without events or commands: ESDM requires both lists to be non-empty', fate: 'approximated' });
      write(`${dir}/policy-${kebab(p.name)}.esdm.yaml`, doc);
    }
    for (const p of c.projections) {
      const where = `${c.name}.${p.name}`;
      const an: Record<string, string> = { [`${ANNOTATION_PREFIX}key`]: p.key, [`${ANNOTATION_PREFIX}consistency`]: p.consistency };
      if (p.lagTarget !== undefined) an[`${ANNOTATION_PREFIX}lagTarget`] = p.lagTarget;
      if (p.version !== undefined) an[`${ANNOTATION_PREFIX}version`] = String(p.version);
      notes.push({ where, what: 'projection key, consistency, lag target and version', fate: 'kept-as-annotation' });
      keepSchemaFields(an, p.fields, where, c.name);
      const doc = base('read-model', p.name, p.description, an);
      doc.scope = { domain, boundedContext: bc };
      doc.paradigm = 'document';
      doc.schema = fieldsToJsonSchema(model, c.name, p.fields, NO_DIALECT);
      doc.projections = p.from.map((r) => ({ ...eventRef(r, c.name), rule: `Upsert the document keyed by \`${p.key}\`.` }));
      write(`${dir}/read-model-${kebab(p.name)}.esdm.yaml`, doc);
    }
    for (const a of c.actors) {
      const an: Record<string, string> = {};
      if ((a.reads ?? []).length > 0) keep(an, 'reads', (a.reads ?? []).map(qualified), `${c.name}.${a.name}`, 'read models the actor reads');
      const doc = base('actor', a.name, a.description, an);
      doc.scope = { domain, boundedContext: bc };
      doc.type = 'human';
      write(`${dir}/actor-${kebab(a.name)}.esdm.yaml`, doc);
    }
    for (const s of c.externalSystems) {
      const where = `${c.name}.${s.name}`;
      const an: Record<string, string> = { [`${ANNOTATION_PREFIX}context`]: c.name };
      keep(an, 'emits', s.emits.map((r) => r.name), where, 'events the external system delivers');
      if ((s.consumes ?? []).length > 0) keep(an, 'consumes', (s.consumes ?? []).map(qualified), where, 'events the external system consumes (outbound integration)');
      const doc = base('external-system', s.name, s.description, an);
      doc.scope = { domain };
      write(`${dir}/external-system-${kebab(s.name)}.esdm.yaml`, doc);
    }
  }
  return { files, notes };
}
