// The event museum: a sample payload of every version of every event (generated from its JSON
// Schema, created once and kept forever, user-owned), and a generated test that replays them
// through the upcasters and the aggregates' evolve. An old exhibit that stops upcasting or
// rebuilding fails the build: the day a change would break stored events, not in production.

import type { Event } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { compareCodeUnits } from '../../names.js';
import { eventJsonSchema, schemaToJson } from '../../schemas/json-schema.js';
import { sampleFromSchema } from '../../schemas/sample.js';
import { generatedHeader, importLine, importPath, str } from '../code.js';
import type { ContextFacts } from '../../ir/context.js';
import { layout } from '../../ir/paths.js';
import { evolutionNames, versionChain } from '../../ir/evolution.js';
import { evolutionLayout } from '../../ir/paths.js';

export function museumExhibits(facts: ContextFacts): PlannedFile[] {
  const files: PlannedFile[] = [];
  for (const event of facts.eventsByName.values()) {
    for (const { version } of versionChain(event)) {
      const schema = eventJsonSchema(facts.model, event, version);
      const exhibit = {
        $comment: `Event museum: ${event.name} v${version} as stored. Kept forever: never edit or delete it; add more exhibits next to it.`,
        type: event.name,
        schemaVersion: version,
        data: sampleFromSchema(schema),
      };
      // An exhibit nobody edited follows the model (issue 17 item 9): before a version is
      // released its schema may still change, and the exhibit must change with it; once released,
      // the schema gate keeps that version's schema, so the exhibit stays byte-identical. An
      // exhibit you edited or added is never touched.
      files.push({ path: evolutionLayout.museumExhibit(facts.context.name, event.name, version), contents: schemaToJson(exhibit), ownership: 'scaffold', sources: facts.sources, followWhilePristine: true });
    }
  }
  return files;
}

/** The aggregate's events in model order (usually their lifecycle order). */
const modelOrder = (facts: ContextFacts, events: readonly Event[]): Event[] => facts.context.events.filter((e) => events.includes(e));

export function museumTest(facts: ContextFacts): PlannedFile {
  const path = evolutionLayout.museumTest(facts.context.name);
  const names = evolutionNames(facts.context.name);
  const upcasters = importPath(path, evolutionLayout.upcasters(facts.context.name));
  const aggregates = facts.aggregates.filter((a) => a.events.length > 0);
  const deciderImports = aggregates
    .map((a) => {
      const n = a.names;
      return (
        importLine([n.decider], importPath(path, layout.aggregate(facts.context.name, a.aggregate.name, 'decider'))) +
        importLine([n.eventUnion], importPath(path, layout.aggregate(facts.context.name, a.aggregate.name, 'events')), true)
      );
    })
    .join('');
  const replays = aggregates
    .map((a) => {
      const n = a.names;
      const decider = n.decider;
      // Exhibits stored under a former name (`formerly`) replay too: the upcast renames them.
      const types = modelOrder(facts, a.events).flatMap((e) => [e.name, ...(e.formerly ?? []).map((f) => f.name)].map(str));
      return (
        `\n  describe(${str(`${a.aggregate.name} rebuilds its state from museum events`)}, () => {\n` +
        `    const types = [${types.join(', ')}];\n` +
        `    for (const age of ['oldest', 'newest'] as const) {\n` +
        `      const events = types.flatMap((type) => exhibitOf(type, age) ?? []);\n` +
        `      const versions = events.map((e) => \`\${e.type} v\${e.schemaVersion}\`).join(', ');\n` +
        `      const fold = () => events.map(upcastExhibit).reduce((state, e) => ${decider}.evolve(state, e as unknown as ${n.eventUnion}), ${decider}.initialState());\n` +
        `      modelCaseProbed(\`from the \${age} exhibits (\${versions}), read back through an event store\`, fold, async () => {\n` +
        `        const store = getInMemoryEventStore();\n` +
        `        // Appended as they were stored long ago: no downcast, the exhibit's own version stamp.\n` +
        `        await store.appendToStream(${str(`museum-${a.aggregate.name}`)}, events.map(asStored) as unknown as ${n.eventUnion}[]);\n` +
        `        const { state } = await store.aggregateStream(${str(`museum-${a.aggregate.name}`)}, {\n` +
        `          evolve: ${decider}.evolve,\n` +
        `          initialState: ${decider}.initialState,\n` +
        `          read: { schema: { versioning: { upcast: ${names.upcast} } } },\n` +
        `        });\n` +
        `        expect(state).toEqual(fold());\n` +
        `      });\n` +
        `    }\n` +
        `  });\n`
      );
    })
    .join('');
  // Exhibits stored under a former type name (`formerly`, docs/adr/0091) are checked as the event they became.
  const renames = [...facts.eventsByName.values()]
    .flatMap((e) => (e.formerly ?? []).map((f) => [f.name, e.name] as const))
    .sort(([a], [b]) => compareCodeUnits(a, b));
  const typeOf = renames.length ? '(renamedTo.get(exhibit.type) ?? exhibit.type)' : 'exhibit.type';
  const renamedTo = renames.length
    ? `\n/** Former type names (\`formerly\`): exhibits stored under them are read as the event they became. */\n` +
      `const renamedTo = new Map<string, string>([${renames.map(([a, b]) => `[${str(a)}, ${str(b)}]`).join(', ')}]);\n`
    : '';
  const text =
    generatedHeader(facts.sources) +
    `// The event museum of ${facts.context.name}: every exhibit in ${evolutionLayout.museumFolder(facts.context.name)}/ (one per version of every\n` +
    `// event, plus any you add) must upcast to the current version, and each aggregate must rebuild\n` +
    `// its state from the oldest and from the newest exhibits. Stubs not written yet make a case todo.\n` +
    importLine(['readdirSync', 'readFileSync'], 'node:fs') +
    importLine(['getInMemoryEventStore'], '@event-driven-io/emmett') +
    importLine(['describe', 'expect'], 'vitest') +
    importLine([names.shapes, names.upcast, names.versions], upcasters) +
    deciderImports +
    importLine(['modelCase', ...(aggregates.length ? ['modelCaseProbed'] : [])], importPath(path, layout.modelCase)) +
    `\ninterface Exhibit {\n  file: string;\n  type: string;\n  schemaVersion: number;\n  data: Record<string, unknown>;\n}\n` +
    `\nconst folder = new URL(${str(`./${evolutionLayout.museumFolder(facts.context.name).split('/').pop()}/`)}, import.meta.url);\n` +
    `const exhibits: Exhibit[] = readdirSync(folder)\n` +
    `  .filter((file) => file.endsWith('.json'))\n` +
    `  .sort()\n` +
    `  .map((file) => ({ ...(JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Omit<Exhibit, 'file'>), file }));\n` +
    `\n// Stormsmith before issue 11 wrote some name-based uuids with a minus sign in the last group\n` +
    `// (\`22215aa4-c15c-42e0-8615-5e0c-83e634f\`). Such an exhibit is found here, never silently kept.\n` +
    `const NAME_UUID_START = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-/;\n` +
    `const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;\n` +
    `const malformedUuids = (value: unknown, at: string): string[] =>\n` +
    `  typeof value === 'string'\n` +
    `    ? NAME_UUID_START.test(value) && !UUID.test(value) ? [\`\${at} = "\${value}"\`] : []\n` +
    `    : value !== null && typeof value === 'object'\n` +
    `      ? Object.entries(value).flatMap(([k, v]) => malformedUuids(v, Array.isArray(value) ? \`\${at}[\${k}]\` : \`\${at}.\${k}\`))\n` +
    `      : [];\n` +
    `\nconst asStored = (e: Exhibit) => ({ type: e.type, data: e.data, metadata: { schemaVersion: e.schemaVersion } });\n` +
    `const upcastExhibit = (e: Exhibit) => ${names.upcast}(asStored(e));\n` +
    `\n/** The exhibit of \`type\` with the lowest (oldest) or highest (newest) version. */\n` +
    `const exhibitOf = (type: string, age: 'oldest' | 'newest'): Exhibit | undefined =>\n` +
    `  exhibits.filter((e) => e.type === type).sort((a, b) => (age === 'oldest' ? a.schemaVersion - b.schemaVersion : b.schemaVersion - a.schemaVersion))[0];\n` +
    renamedTo +
    `\ndescribe(${str(`event museum: ${facts.context.name}`)}, () => {\n` +
    `  for (const exhibit of exhibits) {\n` +
    `    const current = ${names.versions}[${typeOf}];\n` +
    `    modelCase(\`\${exhibit.file} holds well-formed uuids\`, () => {\n` +
    `      const bad = malformedUuids(exhibit.data, 'data');\n` +
    `      expect(bad, \`\${exhibit.file} holds a malformed uuid written by an older stormsmith: delete the file and run \\\`stormsmith generate\\\`, which writes the exhibit again with a well-formed one\`).toEqual([]);\n` +
    `    });\n` +
    `    // Stamped (metadata.schemaVersion) as this service stores events, and unstamped as events\n` +
    `    // stored before stamps were kept (Emmett 0.42's CommandHandler dropped them): the upcaster\n` +
    `    // then recognises the version by the data's shape.\n` +
    `    for (const stamp of ['stamped', 'unstamped'] as const) {\n` +
    `    modelCase(\`\${exhibit.type} v\${exhibit.schemaVersion} \${stamp} upcasts to v\${current}\`, () => {\n` +
    `      expect(current, \`\${exhibit.type} is not an event of ${facts.context.name} any more\`).toBeDefined();\n` +
    `      const upcast = stamp === 'stamped' ? upcastExhibit(exhibit) : ${names.upcast}({ type: exhibit.type, data: exhibit.data, metadata: {} });\n` +
    `      if (stamp === 'stamped') expect((upcast.metadata as { schemaVersion?: number }).schemaVersion).toBe(current);\n` +
    `      const shape = ${names.shapes}[${typeOf}]![0]!;\n` +
    `      // As stored: JSON has no undefined, so a property set to undefined is missing.\n` +
    `      const keys = Object.entries(upcast.data as object).filter(([, v]) => v !== undefined).map(([k]) => k);\n` +
    `      expect(shape.required.filter((k) => !keys.includes(k)), 'required fields missing after upcasting').toEqual([]);\n` +
    `      expect(keys.filter((k) => !shape.allowed.includes(k)), 'fields the current version does not have').toEqual([]);\n` +
    `    });\n` +
    `    }\n` +
    `  }\n` +
    replays +
    `});\n`;
  return { path, contents: text, ownership: 'generated', sources: facts.sources };
}
