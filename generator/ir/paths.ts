// Where every generated file goes (documented in docs/generated-project.md, docs/operations.md).
// Part of the generation IR (docs/adr/0073-generation-ir.md): emitters ask this module for paths,
// never build them by hand, so that imports between files always agree.

import { contextFolder, kebabCase, pascalCase } from '../names.js';

export const layout = {
  packageJson: 'package.json',
  tsconfig: 'tsconfig.json',
  vitestConfig: 'vitest.config.ts',
  compositionRoot: 'src/composition-root.ts',
  compositionRootTest: 'test/composition-root.pg.test.ts',
  runtimeIndex: 'src/runtime/index.ts',
  testDatabase: 'test/setup/database.ts',
  modelCase: 'test/support/model-case.ts',
  sampleTime: 'test/support/now.ts',

  values: (context: string) => `src/${contextFolder(context)}/values.ts`,
  errors: (context: string) => `src/${contextFolder(context)}/errors.ts`,
  externalEvents: (context: string) => `src/${contextFolder(context)}/external-events.ts`,
  commandSchema: (context: string, command: string) => `src/${contextFolder(context)}/schemas/commands/${pascalCase(command)}.schema.json`,
  eventSchema: (context: string, event: string, version: number) =>
    `src/${contextFolder(context)}/schemas/events/${pascalCase(event)}.v${version}.schema.json`,

  aggregate: (context: string, aggregate: string, file: 'events' | 'commands' | 'state' | 'decider' | 'logic' | 'command-handler') =>
    `src/${contextFolder(context)}/${kebabCase(aggregate)}/${file}.ts`,

  projection: (context: string, projection: string) => `src/${contextFolder(context)}/projections/${kebabCase(projection)}.ts`,
  projectionLogic: (context: string, projection: string) => `src/${contextFolder(context)}/projections/${kebabCase(projection)}.logic.ts`,
  policy: (context: string, policy: string) => `src/${contextFolder(context)}/policies/${kebabCase(policy)}.ts`,
  policyLogic: (context: string, policy: string) => `src/${contextFolder(context)}/policies/${kebabCase(policy)}.logic.ts`,
  /** Outbound integration (docs/adr/0097): the port and reactor of an external system that consumes events, and its user-owned adapter. */
  integration: (context: string, system: string) => `src/${contextFolder(context)}/integrations/${kebabCase(system)}.ts`,
  integrationAdapter: (context: string, system: string) => `src/${contextFolder(context)}/integrations/${kebabCase(system)}.adapter.ts`,

  specsTest: (context: string, aggregate: string) => `test/${contextFolder(context)}/${kebabCase(aggregate)}.specs.test.ts`,
  commandsTest: (context: string, aggregate: string) => `test/${contextFolder(context)}/${kebabCase(aggregate)}.commands.test.ts`,
  projectionTest: (context: string, projection: string) => `test/${contextFolder(context)}/projections/${kebabCase(projection)}.test.ts`,
  projectionPgTest: (context: string, projection: string) => `test/${contextFolder(context)}/projections/${kebabCase(projection)}.pg.test.ts`,
  policyTest: (context: string, policy: string) => `test/${contextFolder(context)}/policies/${kebabCase(policy)}.test.ts`,
  integrationPgTest: (context: string, system: string) => `test/${contextFolder(context)}/integrations/${kebabCase(system)}.pg.test.ts`,

  adr: (context: string) => `docs/adr/${contextFolder(context)}-architecture.md`,
} as const;

/** The HTTP API, configuration, extension points and packaging files (docs/generated-project.md). */
export const httpLayout = {
  main: 'src/main.ts',
  validation: 'src/validation.ts',
  settings: 'src/settings.ts',
  app: 'src/http/app.ts',
  support: 'src/http/support.ts',
  openApiModule: 'src/http/openapi.ts',
  openApiDoc: 'docs/openapi.json',
  extensionConfig: 'src/extensions/config.ts',
  extensionHooks: 'src/extensions/hooks.ts',
  extensionRoutes: 'src/extensions/routes.ts',
  extensionWiring: 'src/extensions/wiring.ts',
  tsconfigBuild: 'tsconfig.build.json',
  readme: 'README.md',
  gitignore: '.gitignore',
  dockerfile: 'Dockerfile',
  dockerignore: '.dockerignore',
  compose: 'compose.yaml',
  httpTestSupport: 'test/http/support.ts',
  httpTest: (contextFolder: string, file: string) => `test/http/${contextFolder}/${file}.http.pg.test.ts`,
  aggregateHttpTest: (context: string, aggregate: string) => `test/http/${contextFolder(context)}/${kebabCase(aggregate)}.http.pg.test.ts`,
  projectionHttpTest: (context: string, projection: string) => `test/http/${contextFolder(context)}/projections/${kebabCase(projection)}.http.pg.test.ts`,
} as const;

/** The operations files (docs/operations.md). */
export const opsLayout = {
  operations: 'src/operations.ts',
  registry: 'src/ops-registry.ts',
  cli: 'src/ops.ts',
  main: 'src/main.ts',
  processorTest: (context: string, processor: string) => `test/ops/${contextFolder(context)}/${kebabCase(processor)}.ops.pg.test.ts`,
  snapshotTest: (context: string, aggregate: string) => `test/ops/${contextFolder(context)}/${kebabCase(aggregate)}.snapshots.pg.test.ts`,
  support: 'test/ops/support.ts',
} as const;

/** The evolution outputs: upcasters, custom upcast stubs, the event museum. */
export const evolutionLayout = {
  /** Helpers shared by every context's upcasters, and the composition of all of them. */
  support: 'src/evolution/support.ts',
  index: 'src/evolution/index.ts',
  upcasters: (context: string) => `src/${contextFolder(context)}/evolution/upcasters.ts`,
  /** User-owned: the bodies of custom upcast steps. */
  customUpcasts: (context: string) => `src/${contextFolder(context)}/evolution/upcasts.logic.ts`,
  museumFolder: (context: string) => `test/museum/${contextFolder(context)}`,
  museumExhibit: (context: string, event: string, version: number) => `test/museum/${contextFolder(context)}/${pascalCase(event)}.v${version}.json`,
  museumTest: (context: string) => `test/museum/${contextFolder(context)}.museum.test.ts`,
} as const;
