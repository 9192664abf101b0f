// The entry points operations run through: src/ops-registry.ts (what `ops` knows: async
// projections to rebuild, processors with their dead-letter retry handlers, long-lived
// aggregates to snapshot) and src/ops.ts (the `npm run ops` CLI). src/main.ts: generator/emit/http.

import type { PlannedFile } from '../../plan-types.js';
import { camelCase, outboundNames, pascalCase, policyNames, projectionNames } from '../../names.js';
import { generatedHeader, importLine, importPath, propertyKey, str } from '../code.js';
import { layout } from '../../ir/paths.js';
import type { OpsFacts } from '../../ir/ops.js';
import { opsLayout } from '../../ir/paths.js';

const EVOLUTION_INDEX = 'src/evolution/index.ts';

/** Two more spaces on every line of the entries (they sit inside the returned object). */
const indent = (entries: string[]) => entries.join('').replace(/^(?=.)/gm, '  ');

export function opsRegistryFile(ops: OpsFacts, sources: string[]): PlannedFile {
  const path = opsLayout.registry;
  const imports: string[] = [];
  const projections: string[] = [];
  const processors: string[] = [];
  const aggregates: string[] = [];
  const runtime = new Set(['type OpsRegistry']);
  for (const p of ops.processors) {
    const prefix = camelCase(p.context);
    if (p.kind === 'projection') {
      const names = projectionNames(p.context, p.name);
      const alias = `${prefix}${pascalCase(names.postgres)}`;
      imports.push(importLine([`${names.postgres} as ${alias}`], importPath(path, p.module)));
      runtime.add('defineOpsProjection').add('onlyCanHandle');
      const v = p.version!;
      projections.push(
        `    ${propertyKey(p.key)}: defineOpsProjection({ projection: onlyCanHandle(${alias}), processorId: ${str(p.processorId)}, ` +
          `versions: { name: ${str(v.liveKey)}, version: ${v.version}, baseCollection: ${str(v.baseCollection)}, baseProcessorId: ${str(v.baseProcessorId)} } }),\n`,
      );
      processors.push(
        `    ${propertyKey(p.key)}: {\n` +
          `      processorId: ${str(p.processorId)},\n` +
          `      eventTypes: ${alias}.canHandle,\n` +
          `      // The projector upcasts before handle(); a dead letter holds the stored (maybe older) version.\n` +
          `      retry: (message, context) => ${alias}.handle([upcastEvent(message) as Parameters<typeof ${alias}.handle>[0][number]], context),\n` +
          `    },\n`,
      );
    } else if (p.kind === 'outbound') {
      // docs/adr/0097: \`dlq retry\` tells the external system again, through the user-owned adapter.
      const names = outboundNames(p.context, p.name);
      const alias = `${prefix}${pascalCase(names.reactor)}`;
      const adapter = `${prefix}${pascalCase(names.reactor)}Adapter`;
      imports.push(importLine([`${names.reactor} as ${alias}`], importPath(path, p.module)));
      imports.push(`import * as ${adapter} from '${importPath(path, layout.integrationAdapter(p.context, p.name))}';\n`);
      processors.push(
        `    ${propertyKey(p.key)}: {\n` +
          `      processorId: ${str(p.processorId)},\n` +
          `      eventTypes: [${p.eventTypes.map(str).join(', ')}],\n` +
          `      retry: (message) => ${alias}(${adapter}, upcastEvent(message) as unknown as Parameters<typeof ${alias}>[1]),\n` +
          `    },\n`,
      );
    } else {
      const names = policyNames(p.context, p.name);
      const alias = `${prefix}${pascalCase(names.reactor)}`;
      imports.push(importLine([`${names.reactor} as ${alias}`], importPath(path, p.module)));
      processors.push(
        `    ${propertyKey(p.key)}: {\n` +
          `      processorId: ${str(p.processorId)},\n` +
          `      eventTypes: [${p.eventTypes.map(str).join(', ')}],\n` +
          `      retry: (message) => ${alias}(eventStore, upcastEvent(message) as unknown as Parameters<typeof ${alias}>[1]),\n` +
          `    },\n`,
      );
    }
  }
  for (const a of ops.longLived) {
    const alias = `${camelCase(a.context)}${pascalCase(a.names.decider)}`;
    imports.push(importLine([`${a.names.decider} as ${alias}`], importPath(path, layout.aggregate(a.context, a.aggregate.name, 'decider'))));
    runtime.add('defineOpsAggregate');
    aggregates.push(
      `    ${propertyKey(a.key)}: defineOpsAggregate({\n` +
        `      streamType: ${str(a.streamType)},\n` +
        `      evolve: ${alias}.evolve,\n` +
        `      initialState: ${alias}.initialState,\n` +
        `      snapshotSchemaVersion: snapshotPolicies[${str(a.streamType)}].schemaVersion,\n` +
        `    }),\n`,
    );
  }
  const usesUpcast = ops.processors.length > 0;
  const contents =
    generatedHeader(sources) +
    `// What the ops command knows about this service: async projections (rebuild), processors\n` +
    `// (lag, dead letters and the handler \`dlq retry\` re-runs), long-lived aggregates (snapshot)\n` +
    `// and the inline read models' collections (migrate).\n` +
    importLine(['EventStore'], '@event-driven-io/emmett', true) +
    importLine([...runtime].filter((n) => !n.startsWith('type ')), importPath(path, layout.runtimeIndex)) +
    importLine(['OpsRegistry'], importPath(path, layout.runtimeIndex), true) +
    (usesUpcast ? importLine(['upcastEvent'], importPath(path, EVOLUTION_INDEX)) : '') +
    (ops.longLived.length > 0 ? importLine(['snapshotPolicies'], importPath(path, opsLayout.operations)) : '') +
    imports.join('') +
    `\n` +
    `/** The registry for runOps; \`eventStore\` is the one policies send their commands through. */\n` +
    `export const createOpsRegistry = (connectionString: string, eventStore: EventStore): OpsRegistry => {\n` +
    (ops.processors.some((p) => p.kind === 'policy') ? '' : `  void eventStore;\n`) +
    `  return {\n` +
    `    connectionString,\n` +
    `    projections: {\n${indent(projections)}    },\n` +
    `    processors: {\n${indent(processors)}    },\n` +
    `    aggregates: {\n${indent(aggregates)}    },\n` +
    (ops.inlineCollections.length > 0 ? `    // Inline read models' collections: \`migrate\` creates them (the service does at start too).\n    inlineCollections: [${ops.inlineCollections.map(str).join(', ')}],\n` : '') +
    `  };\n` +
    `};\n`;
  return { path, contents, ownership: 'generated', sources };
}
