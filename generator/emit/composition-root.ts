// The composition root of the generated service: the PostgreSQL event store with the inline
// (strongly consistent) projections, the typed command entry points bound to it, and one
// supervised consumer running the async projections and the policies' reactors.

import type { PlannedFile } from '../plan-types.js';
import { camelCase, commandEntryName, pascalCase, policyNames, projectionNames } from '../names.js';
import { generatedHeader, importLine, importPath, propertyKey, str } from './code.js';
import type { ContextFacts } from './facts.js';
import { layout } from './layout.js';
import { projectionFacts } from './projections.js';

export function compositionRootFile(all: ContextFacts[], sources: string[]): PlannedFile {
  const path = layout.compositionRoot;
  const imports: string[] = [];
  const inline: string[] = [];
  const async: string[] = [];
  const reactors: string[] = [];
  const contexts: string[] = [];
  for (const facts of all) {
    const commandLines: string[] = [];
    for (const agg of facts.aggregates) {
      if (agg.commands.length === 0) continue;
      const handler = layout.aggregate(facts.context.name, agg.aggregate.name, 'command-handler');
      const alias = (c: string) => `${camelCase(facts.context.name)}${pascalCase(commandEntryName(c))}`;
      imports.push(importLine(agg.commands.map((c) => `${commandEntryName(c.name)} as ${alias(c.name)}`), importPath(path, handler)));
      for (const c of agg.commands) {
        commandLines.push(`      ${propertyKey(commandEntryName(c.name))}: (command: Parameters<typeof ${alias(c.name)}>[1]) => ${alias(c.name)}(eventStore, command),\n`);
      }
    }
    contexts.push(`    ${propertyKey(camelCase(facts.context.name))}: {\n${commandLines.join('')}    },\n`);
    for (const projection of facts.projections) {
      const pf = projectionFacts(facts, projection);
      const names = projectionNames(facts.context.name, projection.name);
      const alias = `${camelCase(facts.context.name)}${pascalCase(names.postgres)}`;
      imports.push(importLine([`${names.postgres} as ${alias}`], importPath(path, layout.projection(facts.context.name, projection.name))));
      if (pf.inline) inline.push(alias);
      else async.push(`      consumer.projector({\n        processorId: ${str(names.processorId)},\n        projection: projectionWithDeadLetter(onlyCanHandle(${alias}), { processorId: ${str(names.processorId)}, maxAttempts: ${facts.context.architecture.retry?.attempts ?? 3} }),\n      });\n`);
    }
    for (const policy of facts.policies) {
      const alias = `${camelCase(facts.context.name)}Register${pascalCase(policy.name)}`;
      imports.push(importLine([`register${pascalCase(policy.name)} as ${alias}`], importPath(path, layout.policy(facts.context.name, policy.name))));
      reactors.push(`      ${alias}(consumer, eventStore);\n`);
      void policyNames;
    }
  }
  const hasConsumer = async.length > 0 || reactors.length > 0;
  const runtime = ['createPostgresEventStore', ...(async.length > 0 ? ['onlyCanHandle', 'projectionWithDeadLetter'] : []), ...(hasConsumer ? ['superviseConsumer'] : [])];
  const contents =
    generatedHeader(sources) +
    `// Composition root: wires the event store, the command handlers and the consumers.\n` +
    importLine(runtime, importPath(path, layout.runtimeIndex)) +
    imports.join('') +
    `\n` +
    `export type ServiceOptions = {\n` +
    `  /** PostgreSQL connection string (e.g. process.env.DATABASE_URL). */\n` +
    `  connectionString: string;\n` +
    `};\n\n` +
    `export const createService = ({ connectionString }: ServiceOptions) => {\n` +
    `  // Inline projections run in the append transaction (strong consistency).\n` +
    `  const eventStore = createPostgresEventStore(connectionString, { projections: [${inline.join(', ')}] });\n` +
    `  const commands = {\n${contexts.join('')}  };\n` +
    (hasConsumer
      ? `  // Async projections and policies: one consumer, restarted with backoff if it ever stops.\n` +
        `  let consumers: { stop(): Promise<void> } | undefined;\n` +
        `  const start = () => {\n` +
        `    consumers ??= superviseConsumer(() => {\n` +
        `      const consumer = eventStore.consumer();\n` +
        async.join('') +
        reactors.join('') +
        `      return consumer;\n` +
        `    });\n` +
        `  };\n` +
        `  const stop = async () => {\n` +
        `    await consumers?.stop();\n` +
        `    await eventStore.close();\n` +
        `  };\n`
      : `  const start = () => undefined;\n  const stop = () => eventStore.close();\n`) +
    `  return { eventStore, commands, start, stop };\n` +
    `};\n`;
  return { path, contents, ownership: 'generated', sources };
}
