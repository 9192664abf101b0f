// Operations tooling in every generated service (issue 8): src/operations.ts (model-driven
// settings and wiring), src/ops-registry.ts + src/ops.ts (the ops command), src/main.ts (the
// service process with /health and /metrics) and the generated acceptance tests under test/ops/.

import type { PlannedFile } from '../../plan-types.js';
import type { ContextFacts } from '../facts.js';
import { mainFile, opsCliFile, opsRegistryFile } from './entry-files.js';
import { opsFacts } from './facts.js';
import { operationsFile } from './operations-file.js';
import { opsTestFiles } from './test-files.js';

export { opsLayout } from './layout.js';
export { opsFacts, type OpsFacts } from './facts.js';

export function opsFiles(all: readonly ContextFacts[], sources: string[], packageName: string): PlannedFile[] {
  const ops = opsFacts(all);
  return [operationsFile(ops, sources, packageName), opsRegistryFile(ops, sources), opsCliFile(sources), mainFile(sources), ...opsTestFiles(ops, sources)];
}
