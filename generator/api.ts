// The public programmatic API of the `stormsmith` package (its "." export): load and validate a
// model, plan the generated files, apply a plan to an output folder, run the event schema gate.
// Everything else is internal and may change between versions. generate() (generator/generate.ts)
// is the one entry point the CLI, the studio and the desktop app use: load -> validate -> plan ->
// apply in one call; the stages are exported too for callers that need one of them.

export * from './generate.js';

export { STORMSMITH_VERSION } from './version.js';
export { loadModelFromDisk } from './io/load-model-from-disk.js';
export { validateModel, sortDiagnostics } from './model/validate/index.js';
export { plan } from './plan.js';
/** Built-in templates plus a folder of overrides: what plan() needs for a complete service. */
export { loadTemplates } from './emit/templates.js';
export { apply } from './apply/index.js';
export { runSchemaGateReport, DEFAULT_REGISTRY_DIR } from './schemas/gate/run.js';
export { initialProject, initialContextYaml } from './init/initial-model.js';

export type { PlanOptions } from './plan.js';
export type { ApplyOptions, ApplyReport, ApplyMode } from './apply/index.js';
export type { SchemaGateOptions, SchemaGateReport } from './schemas/gate/run.js';
export type { Diagnostic, Model, LoadResult } from './model/types.js';
export type { FileMap } from './plan-types.js';
export type { TemplateMap } from './emit/templates.js';
export type { InitialProject } from './init/initial-model.js';
