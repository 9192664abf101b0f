// Writes a CatalogPlan into an EventCatalog folder through @eventcatalog/sdk, without clobbering
// what people wrote there: for each resource the current page is read first, then written back
// with Stormsmith's fields (name, summary, version, schema, sends/receives, services) updated,
// the author's markdown kept around the generated block, and every other front-matter field
// (owners, badges the author added, repository, ...) kept. A new version of an event moves the
// previous one to `versioned/` (the SDK's versionExistingContent) instead of overwriting it.
import type { CatalogPlan } from './plan.js';
import { mergeMarkdown } from './plan.js';

export interface CatalogWriteReport {
  created: string[];
  updated: string[];
  versioned: string[];
}

type Sdk = ReturnType<typeof import('@eventcatalog/sdk').default>;

async function current<T>(get: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return (await get()) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Pointers the author added by hand stay; Stormsmith's own are replaced by the model's. */
function mergePointers<P extends { id: string }>(existing: P[] | undefined, ours: P[], owned: (id: string) => boolean): P[] {
  return [...ours, ...(existing ?? []).filter((p) => !owned(p.id) && !ours.some((o) => o.id === p.id))];
}

export async function writeCatalog(sdk: Sdk, plan: CatalogPlan): Promise<CatalogWriteReport> {
  const report: CatalogWriteReport = { created: [], updated: [], versioned: [] };
  const ourMessages = new Set(plan.messages.map((m) => m.id));
  const ourServices = new Set(plan.services.map((s) => s.id));

  for (const m of plan.messages) {
    const get = m.kind === 'event' ? sdk.getEvent : sdk.getCommand;
    const write = m.kind === 'event' ? sdk.writeEvent : sdk.writeCommand;
    const addSchema = m.kind === 'event' ? sdk.addSchemaToEvent : sdk.addSchemaToCommand;
    const latest = await current(() => get(m.id));
    const newVersion = latest !== undefined && latest.version !== m.version;
    const base = latest ?? ({} as NonNullable<typeof latest>);
    const badges = [...(base.badges ?? []).filter((b) => !['published', 'internal'].includes(b.content)), ...m.badges];
    const resource = { ...base, id: m.id, name: m.name, version: m.version, summary: m.summary, markdown: mergeMarkdown(latest?.markdown, m.block), schemaPath: 'schema.json', ...(badges.length ? { badges } : {}) };
    await write(resource, newVersion ? { versionExistingContent: true } : { override: true });
    await addSchema(m.id, { schema: m.schema, fileName: 'schema.json' }, m.version);
    (latest === undefined ? report.created : report.updated).push(`${m.kind} ${m.id}`);
    if (newVersion) report.versioned.push(`${m.kind} ${m.id} ${latest!.version} -> ${m.version}`);
  }
  for (const s of plan.services) {
    const latest = await current(() => sdk.getService(s.id));
    const base = latest ?? ({} as NonNullable<typeof latest>);
    await sdk.writeService(
      { ...base, id: s.id, name: s.name, version: latest?.version ?? s.version, summary: s.summary, markdown: mergeMarkdown(latest?.markdown, s.block), sends: mergePointers(base.sends, s.sends, (id) => ourMessages.has(id)), receives: mergePointers(base.receives, s.receives, (id) => ourMessages.has(id)) },
      { override: true },
    );
    (latest === undefined ? report.created : report.updated).push(`service ${s.id}`);
  }
  for (const d of plan.domains) {
    const latest = await current(() => sdk.getDomain(d.id));
    const base = latest ?? ({} as NonNullable<typeof latest>);
    await sdk.writeDomain({ ...base, id: d.id, name: d.name, version: latest?.version ?? d.version, summary: d.summary, markdown: mergeMarkdown(latest?.markdown, d.block), services: mergePointers(base.services, d.services, (id) => ourServices.has(id)) }, { override: true });
    (latest === undefined ? report.created : report.updated).push(`domain ${d.id}`);
  }
  return report;
}
