// Operations tooling in every generated service (issue 8): src/operations.ts (model-driven
// settings and wiring), src/ops-registry.ts + src/ops.ts (the ops command) and the generated
// acceptance tests under test/ops/. src/main.ts (the service process) is generator/emit/http.

import type { PlannedFile } from '../../plan-types.js';
import type { ContextFacts } from '../../ir/context.js';
import { opsRegistryFile } from './entry-files.js';
import { opsFacts } from '../../ir/ops.js';
import { operationsFile } from './operations-file.js';
import { opsTestFiles } from './test-files.js';
import { staticFile } from '../static-files.js';
import { opsLayout } from '../../ir/paths.js';
import type { TemplateMap } from '../templates.js';

export function opsFiles(all: readonly ContextFacts[], sources: string[], packageName: string, templates: TemplateMap): PlannedFile[] {
  const ops = opsFacts(all);
  const tests = opsTestFiles(ops, sources);
  // The helpers the operations tests share, only when there is an operations test.
  // Outbound integrations' PostgreSQL tests use the support module too (generator/emit/integrations.ts).
  if (tests.length > 0 || ops.processors.some((p) => p.kind === 'outbound')) tests.push(staticFile(templates, opsLayout.support, sources));
  return [operationsFile(ops, sources, packageName), opsRegistryFile(ops, sources), staticFile(templates, opsLayout.cli, sources), ...tests];
}
