// Where the operations files of a generated service go (documented in docs/operations.md).

import { contextFolder, kebabCase } from '../../names.js';

export const opsLayout = {
  operations: 'src/operations.ts',
  registry: 'src/ops-registry.ts',
  cli: 'src/ops.ts',
  main: 'src/main.ts',
  processorTest: (context: string, processor: string) => `test/ops/${contextFolder(context)}/${kebabCase(processor)}.ops.pg.test.ts`,
  snapshotTest: (context: string, aggregate: string) => `test/ops/${contextFolder(context)}/${kebabCase(aggregate)}.snapshots.pg.test.ts`,
  support: 'test/ops/support.ts',
} as const;
