// Where every generated file goes (documented in docs/generated-project.md). Emitters ask this
// module for paths, never build them by hand, so that imports between files always agree.

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

  specsTest: (context: string, aggregate: string) => `test/${contextFolder(context)}/${kebabCase(aggregate)}.specs.test.ts`,
  commandsTest: (context: string, aggregate: string) => `test/${contextFolder(context)}/${kebabCase(aggregate)}.commands.test.ts`,
  projectionTest: (context: string, projection: string) => `test/${contextFolder(context)}/projections/${kebabCase(projection)}.test.ts`,
  projectionPgTest: (context: string, projection: string) => `test/${contextFolder(context)}/projections/${kebabCase(projection)}.pg.test.ts`,
  policyTest: (context: string, policy: string) => `test/${contextFolder(context)}/policies/${kebabCase(policy)}.test.ts`,

  adr: (context: string) => `docs/adr/${contextFolder(context)}-architecture.md`,
} as const;
