// plan(model, options) -> FileMap: every file of the generated service, computed in memory.
//
// Pure: no file system, no clock, no environment. Templates (the runtime support module and the
// ADR template) come in through `options.templates`; `loadTemplates()` in emit/templates.ts
// reads the built-in ones and layers a user's overrides on top. The result is deterministic:
// the same model gives the same bytes under any TZ or locale and whatever the order of the
// model files (contexts and elements are sorted by name; see ir/context.ts).
//
// It is async because json-schema-to-typescript (the reference converter for schemas outside
// the flat subset) is.

import { withExistence } from './model/existence.js';
import type { Model } from './model/types.js';
import type { FileMap, PlannedFile } from './plan-types.js';
import { aggregateFiles } from './emit/aggregate-files.js';
import { adrFile } from './emit/adr.js';
import { compositionRootFile, compositionRootTestFile } from './emit/composition-root.js';
import { contextFacts, type ContextFacts } from './ir/context.js';
import { evolutionContextFiles, evolutionSharedFiles } from './emit/evolution/index.js';
import { errorsFile, externalEventsFile, valuesFile } from './emit/messages.js';
import { policyFiles } from './emit/policies.js';
import { integrationFiles } from './emit/integrations.js';
import { projectionFiles } from './emit/projections.js';
import { packageJsonFile, tsconfigFile, vitestConfigFile } from './emit/project.js';
import { runtimeFiles } from './emit/runtime-files.js';
import { schemaFiles } from './emit/schema-files.js';
import { modelCaseFile } from './emit/tests.js';
import { opsFiles } from './emit/ops/index.js';
import { contextHttpTestFiles, httpFiles } from './emit/http/index.js';
import type { TemplateMap } from './emit/templates.js';
import { compareCodeUnits, kebabCase } from './names.js';
import { planUnit, type UnitCache } from './plan-cache/unit-cache.js';
import { contextUnitInput, wholeModelInput } from './plan-cache/unit-inputs.js';
import { formerTypes } from './ir/evolution.js';

export interface PlanOptions {
  /** Only the source tree (src/, test/, docs/): no package.json, tsconfig or vitest config. */
  into?: boolean;
  /**
   * Templates keyed by path relative to a templates folder (`runtime/src/runtime/x.ts`,
   * `adr/context.md.hbs`): the built-ins with the user's overrides layered on top, as
   * returned by `loadTemplates()`. Required for a complete service.
   */
  templates?: TemplateMap;
  /** npm package name of a new service (default: derived from the context names). */
  packageName?: string;
  /** The model folder relative to the output folder, `/` separators (for links in ADRs); default `models`; null: outside the repository, not linked. */
  modelRoot?: string | null;
  /**
   * Outputs of earlier runs by unit (generator/plan-cache): a unit whose input (the model facts
   * it reads, options, templates) is unchanged is not planned again. The result is the same.
   */
  cache?: UnitCache;
}

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

function defaultPackageName(model: Model): string {
  const names = model.contexts.map((c) => kebabCase(c.name)).sort(compareCodeUnits);
  return names.length === 1 ? `${names[0]}-service` : 'domain-service';
}

async function contextFiles(facts: ContextFacts, templates: TemplateMap, modelRoot: string | null): Promise<PlannedFile[]> {
  const files: PlannedFile[] = [];
  files.push(await valuesFile(facts), errorsFile(facts), ...schemaFiles(facts));
  const external = await externalEventsFile(facts);
  if (external) files.push(external);
  for (const agg of facts.aggregates) files.push(...(await aggregateFiles(facts, agg)));
  for (const projection of facts.projections) files.push(...(await projectionFiles(facts, projection)));
  for (const policy of facts.policies) files.push(...policyFiles(facts, policy));
  for (const system of facts.context.externalSystems) files.push(...integrationFiles(facts, system));
  files.push(adrFile(facts, templates, modelRoot));
  return files;
}

/** Stable by name, equal names kept in their order. */
const sortedByName = <T extends { name: string }>(items: readonly T[]): T[] =>
  items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compareCodeUnits(a.item.name, b.item.name) || a.index - b.index)
    .map(({ item }) => item);

/**
 * The model with every unordered collection sorted by name, so that no emitter can depend on
 * the order of model files or of entries within them. Field lists keep their order: it is the
 * order of the JSON properties.
 */
export function canonicalModel(model: Model): Model {
  return {
    ...model,
    contexts: sortedByName(model.contexts).map((c) => ({
      ...c,
      aggregates: sortedByName(c.aggregates),
      commands: sortedByName(c.commands),
      events: sortedByName(c.events),
      policies: sortedByName(c.policies),
      projections: sortedByName(c.projections),
      actors: sortedByName(c.actors),
      externalSystems: sortedByName(c.externalSystems),
      valueObjects: sortedByName(c.valueObjects),
      hotspots: sortedByName(c.hotspots),
      specs: sortedByName(c.specs),
    })),
  };
}

export async function plan(input: Model, options: PlanOptions = {}): Promise<FileMap> {
  // Existence rejections join each command's rejects before any emitter looks (model/existence.ts).
  const model = canonicalModel(withExistence(input));
  const templates = options.templates ?? {};
  const cache = options.cache;
  const contexts = [...model.contexts].sort((a, b) => compareCodeUnits(a.name, b.name));
  const allFacts = contexts.map((c) => contextFacts(model, c));
  const sources = [...new Set(allFacts.flatMap((f) => f.sources))].sort(compareCodeUnits);
  // What every unit reads besides the model (only built when there is a cache).
  let shared: string | undefined;
  const withOptions = (part: string) => (shared ??= JSON.stringify({ options: { ...options, cache: undefined, templates: undefined }, templates: Object.entries(templates).sort(([a], [b]) => compareCodeUnits(a, b)) })) + part;
  let whole: string | undefined;
  const wholeModel = () => withOptions((whole ??= wholeModelInput(model)));

  const files: PlannedFile[] = [];
  for (const facts of allFacts) {
    // Per context, with its event versions: upcasters, custom upcast stubs and the event museum
    // (generator/emit/evolution), and its API tests (they read only this context's facts).
    const planContext = async () => [...(await contextFiles(facts, templates, options.modelRoot === undefined ? 'models' : options.modelRoot)), ...evolutionContextFiles(facts), ...contextHttpTestFiles(facts)];
    files.push(...(await planUnit(cache, `context ${facts.context.name}`, () => withOptions(contextUnitInput(model, facts.context)), planContext)));
  }
  const withEvents = allFacts.filter((f) => f.context.events.length > 0);
  const evolutionInput = () => withOptions(JSON.stringify([withEvents.map((f) => [f.context.name, f.sources]), formerTypes(withEvents)]));
  files.push(...(await planUnit(cache, 'evolution', evolutionInput, () => evolutionSharedFiles(allFacts, templates))));
  files.push(...(await planUnit(cache, 'composition', wholeModel, () => [compositionRootFile(allFacts, sources), compositionRootTestFile(allFacts, sources), modelCaseFile(templates, sources)])));
  files.push(...(await planUnit(cache, 'runtime', () => withOptions(JSON.stringify(sources)), () => runtimeFiles(templates, sources))));
  // Operations: ops command, /health and /metrics, snapshots, retry policy, test/ops (generator/emit/ops).
  files.push(...(await planUnit(cache, 'ops', wholeModel, () => opsFiles(allFacts, sources, options.packageName ?? defaultPackageName(model), templates))));
  // HTTP API, settings, validation, OpenAPI and your extension points (generator/emit/http).
  const httpInput = () => withOptions((whole ??= wholeModelInput(model)) + JSON.stringify(sources));
  files.push(...(await planUnit(cache, 'http', httpInput, () => httpFiles(allFacts, sources, options.packageName ?? defaultPackageName(model), templates, options.into === true))));
  if (!options.into) {
    const packageName = options.packageName ?? defaultPackageName(model);
    files.push(...(await planUnit(cache, 'project', () => withOptions(JSON.stringify([packageName, sources])), () => [packageJsonFile(packageName, sources), tsconfigFile(sources), vitestConfigFile(sources)])));
  }

  const map = new Map<string, PlannedFile>();
  for (const file of files.sort((a, b) => compareCodeUnits(a.path, b.path))) {
    if (map.has(file.path)) throw new PlanError(`two outputs for one path: ${file.path}`);
    map.set(file.path, file);
  }
  return map;
}
