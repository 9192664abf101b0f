// src/operations.ts of a generated service: the operations settings the model implies (retry
// policy, snapshot intervals, async processors and their lag targets) and `createOperations`,
// which the composition root uses to wire logs (pino), metrics (prom-client), dead letters,
// supervision, snapshots and the health/metrics endpoint.

import type { PlannedFile } from '../../plan-types.js';
import { generatedHeader, importLine, importPath, propertyKey, str } from '../code.js';
import type { OpsFacts } from '../../ir/ops.js';
import { opsLayout } from '../../ir/paths.js';

const backoffLiteral = (b: { initialDelayMs: number; factor: number; maxDelayMs: number }) =>
  `{ initialDelayMs: ${b.initialDelayMs}, factor: ${b.factor}, maxDelayMs: ${b.maxDelayMs} }`;

export function operationsFile(ops: OpsFacts, sources: string[], packageName: string): PlannedFile {
  const path = opsLayout.operations;
  const processors = ops.processors.map(
    (p) =>
      `  {\n` +
      `    name: ${str(p.key)},\n` +
      `    kind: ${str(p.kind)},\n` +
      `    processorId: ${str(p.processorId)},\n` +
      `    eventTypes: [${p.eventTypes.map(str).join(', ')}],\n` +
      `    lagTarget: ${p.lagTarget === undefined ? 'undefined' : str(p.lagTarget)},\n` +
      `    // ${p.retry.attempts} attempts, backoff ${p.retry.text.replace(/[\r\n]+/g, ' ')} (${p.retry.origin})\n` +
      `    retry: { maxAttempts: ${p.retry.attempts}, backoff: ${backoffLiteral(p.retry.backoff)} },\n` +
      `  },\n`,
  );
  const snapshots = ops.longLived.map(
    (a) => `  // ${a.context}.${a.aggregate.name} (${a.aggregate.loc.file}:${a.aggregate.loc.line}): long-lived, a snapshot every ${a.every} events.\n  // schemaVersion 2: the state is the lifecycle union since ADR 0032 (snapshots of version 1 are ignored).\n  ${propertyKey(a.streamType)}: { every: ${a.every}, schemaVersion: 2 },\n`,
  );
  const contents =
    generatedHeader(sources) +
    `// Operations wiring from the model: the async processors with their retry policy and lag\n` +
    `// targets, the snapshot intervals of long-lived aggregates, and createOperations(), which the\n` +
    `// composition root uses for logs, metrics, dead letters, supervision, snapshots and /health.\n` +
    importLine(['EventStore'], '@event-driven-io/emmett', true) +
    importLine(
      ['consumerHealth', 'createLogger', 'createServiceMetrics', 'databaseHealth', 'ensureDeadLetterTable', 'ensurePolicyOutcomes', 'processingLogHooks', 'snapshotPolicyByStreamType', 'startOpsServer', 'withSnapshots'],
      importPath(path, 'src/runtime/index.ts'),
    ) +
    importLine(['Backoff', 'DeadLetterOptions', 'HealthCheck', 'Logger', 'OpsServer', 'SupervisedConsumer', 'SuperviseOptions'], importPath(path, 'src/runtime/index.ts'), true) +
    `\n` +
    `export type AsyncProcessor = {\n` +
    `  /** Model name: what \`ops\` commands and the metrics' \`processor\` label use. */\n` +
    `  name: string;\n` +
    `  kind: 'projection' | 'policy' | 'outbound';\n` +
    `  processorId: string;\n` +
    `  /** The event types it handles (its canHandle): lag counts only these. */\n` +
    `  eventTypes: readonly string[];\n` +
    `  /** The model's lag target (\`5s\`), reported in the ADR; undefined when the model sets none. */\n` +
    `  lagTarget: string | undefined;\n` +
    `  /** The context's architecture.retry: attempts (the first one included), then a dead letter. */\n` +
    `  retry: { maxAttempts: number; backoff: Backoff };\n` +
    `};\n\n` +
    `/** Every async processor of the service (eventual projections and policies). */\n` +
    `export const asyncProcessors: readonly AsyncProcessor[] = [\n${processors.join('')}];\n\n` +
    `/** Snapshot policy of long-lived aggregates, by stream type. Bump schemaVersion when the state changes shape. */\n` +
    `export const snapshotPolicies = {\n${snapshots.join('')}};\n\n` +
    `/** Streams of long-lived aggregates whose newest state this process keeps in memory. */\n` +
    `export const snapshotMemory = 10_000;\n\n` +
    `/** Consumer back-pressure: events pulled per batch (one transaction) and the polling interval. */\n` +
    `export const consumerDefaults = { batchSize: 100, pullingFrequencyInMs: 50 };\n\n` +
    `/** How long a crashed consumer waits before its restart (doubling, capped). */\n` +
    `export const restartBackoff: Backoff = { initialDelayMs: 100, factor: 2, maxDelayMs: 30_000 };\n\n` +
    `export type OperationsOptions = {\n` +
    `  connectionString: string;\n` +
    `  /** Structured logs (pino); default: JSON lines on stdout at LOG_LEVEL (info). */\n` +
    `  logger?: Logger;\n` +
    `  /** Overrides consumerDefaults. */\n` +
    `  consumer?: { batchSize?: number; pullingFrequencyInMs?: number };\n` +
    `};\n\n` +
    `const processorNamed = (processorId: string): AsyncProcessor => {\n` +
    `  const found = asyncProcessors.find((p) => p.processorId === processorId);\n` +
    `  if (found === undefined) throw new Error(\`unknown processor \${processorId}\`);\n` +
    `  return found;\n` +
    `};\n\n` +
    `export type Operations = ReturnType<typeof createOperations>;\n\n` +
    `export const createOperations = ({ connectionString, logger = createLogger({ name: ${str(packageName)} }), consumer = {} }: OperationsOptions) => {\n` +
    `  const metrics = createServiceMetrics({\n` +
    `    connectionString,\n` +
    `    processors: asyncProcessors.map(({ name, processorId, eventTypes }) => ({ name, processorId, eventTypes })),\n` +
    `  });\n` +
    `  const hooks = processingLogHooks(logger);\n` +
    `  const supervision: SuperviseOptions = {\n` +
    `    backoff: restartBackoff,\n` +
    `    // Every unexpected stop is logged and counted; the supervisor restarts the consumer.\n` +
    `    onStop: (report) => {\n` +
    `      hooks.onStop(report);\n` +
    `      metrics.consumerStopped(report);\n` +
    `    },\n` +
    `  };\n` +
    `  return {\n` +
    `    logger,\n` +
    `    metrics,\n` +
    `    supervision,\n` +
    `    /** Options for \`eventStore.consumer()\`: batch size and polling. */\n` +
    `    consumer: { pulling: { ...consumerDefaults, ...consumer } },\n` +
    `    /** Retry, backoff and logging of one processor's handler before its messages are dead-lettered. */\n` +
    `    deadLetter: (processorId: string): DeadLetterOptions => {\n` +
    `      const { retry } = processorNamed(processorId);\n` +
    `      return { processorId, maxAttempts: retry.maxAttempts, backoff: retry.backoff, onRetry: hooks.onRetry, onDeadLetter: hooks.onDeadLetter };\n` +
    `    },\n` +
    `    /** Long-lived aggregates load from their newest snapshot (a no-op when the model has none). */\n` +
    `    withSnapshots: <Store extends EventStore>(store: Store): Store =>\n` +
    `      Object.keys(snapshotPolicies).length === 0 ? store : withSnapshots(store, {\n` +
    `            connectionString,\n` +
    `            policyFor: snapshotPolicyByStreamType(snapshotPolicies),\n` +
    `            // The newest state of recently loaded streams stays in memory: a repeated load reads\n` +
    `            // only the events after it, with no snapshot query.\n` +
    `            memory: { maxStreams: snapshotMemory },\n` +
    `          }),\n` +
    `    /** Runs a command and counts its outcome (stormsmith_commands_total). */\n` +
    `    recordCommand: metrics.recordCommand,\n` +
    `    /** Creates the dead-letter table up front (withDeadLetter would create it lazily). */\n` +
    `    prepare: async () => {\n` +
    `      await ensureDeadLetterTable(connectionString);\n` +
    `      // Policy outcomes and the command-id index idempotent policies look commands up by.\n` +
    `      await ensurePolicyOutcomes(connectionString);\n` +
    `    },\n` +
    `    /** GET /health (database, consumers) and GET /metrics (Prometheus) on node:http. */\n` +
    `    serve: (options: { port?: number; host?: string; consumers?: (processorId: string) => SupervisedConsumer | undefined } = {}): Promise<OpsServer> =>\n` +
    `      startOpsServer({\n` +
    `        port: options.port,\n` +
    `        host: options.host,\n` +
    `        metrics: metrics.registry,\n` +
    `        checks: {\n` +
    `          database: databaseHealth(connectionString),\n` +
    `          // One check per processor's consumer: running now, and how often it was restarted\n` +
    `          // (a processor this instance does not run, see start(processorIds), is not its concern).\n` +
    `          ...Object.fromEntries(\n` +
    `            asyncProcessors.map(({ name, processorId }): [string, HealthCheck] => [\n` +
    `              \`consumer:\${name}\`,\n` +
    `              async () => {\n` +
    `                const supervised = options.consumers?.(processorId);\n` +
    `                return supervised === undefined ? { ok: true, detail: 'not run by this instance' } : consumerHealth(supervised)();\n` +
    `              },\n` +
    `            ]),\n` +
    `          ),\n` +
    `        },\n` +
    `      }),\n` +
    `  };\n` +
    `};\n`;
  return { path, contents, ownership: 'generated', sources };
}
