// src/main.ts of a generated service (`npm start`): validates the settings (src/settings.ts and
// your src/extensions/config.ts), prepares the database, starts the processors this instance
// runs (PROCESSORS), serves the HTTP API on HOST:PORT and /health + /metrics on OPS_HOST:OPS_PORT,
// calls your wiring (src/extensions/wiring.ts), and stops cleanly on SIGTERM/SIGINT.

import type { PlannedFile } from '../../plan-types.js';
import { hasPublishedEvents, type ContextFacts } from '../../ir/context.js';
import { processorIds } from '../../ir/ops.js';
import { generatedHeader, importLine, importPath } from '../code.js';
import { layout } from '../../ir/paths.js';
import { httpLayout } from '../../ir/paths.js';

export function mainFile(all: readonly ContextFacts[], sources: string[]): PlannedFile {
  const path = httpLayout.main;
  const nats = hasPublishedEvents(all);
  const leases = nats || processorIds(all).length > 0;
  const contents =
    generatedHeader(sources) +
    `// The service process (\`npm start\`): the HTTP API on HOST:PORT (default 127.0.0.1:3000) and\n` +
    `// GET /health, GET /metrics on OPS_HOST:OPS_PORT (default 127.0.0.1:9464). Configuration: README.md.\n` +
    importLine(nats ? ['contextTraffic', 'createService'] : ['createService'], importPath(path, layout.compositionRoot)) +
    (nats ? importLine(['ContextId'], importPath(path, layout.compositionRoot), true) : '') +
    importLine(['createHttpApp'], importPath(path, httpLayout.app)) +
    importLine(['createLogger'], importPath(path, layout.runtimeIndex)) +
    importLine(['formatSettingError', 'loadSettings', 'processorIds'], importPath(path, httpLayout.settings)) +
    importLine(['loadAppConfig'], importPath(path, httpLayout.extensionConfig)) +
    importLine(['onStart', 'onStop'], importPath(path, httpLayout.extensionWiring)) +
    `\n` +
    `// Every bad value is reported before anything starts (exit code 2).\n` +
    `const { settings, errors } = loadSettings(process.env);\n` +
    `const config = loadAppConfig(process.env, (variable, message, hint) => errors.push({ variable, message, hint }));\n` +
    (nats
      ? `// Contexts run as a service of their own get the others' events they consume through NATS only.\n` +
        `const contexts = settings.contexts === 'all' ? undefined : (settings.contexts as ContextId[]);\n` +
        `const imports = contexts === undefined || errors.length > 0 ? [] : contextTraffic(contexts).imports;\n` +
        `if (imports.length > 0 && settings.natsUrl === undefined)\n` +
        `  errors.push({ variable: 'CONTEXTS', message: \`CONTEXTS=\${contexts!.join(',')} consumes events of other contexts (\${imports.join(', ')}), which reach a service of its own through NATS\`, hint: 'set NATS_URL, or run every context in this service (CONTEXTS=all)' });\n`
      : '') +
    `if (errors.length > 0) {\n` +
    `  for (const error of errors) console.error(formatSettingError(error));\n` +
    `  process.exit(2);\n` +
    `}\n\n` +
    `const logger = createLogger({ level: settings.logLevel });\n` +
    `const service = createService({ connectionString: settings.databaseUrl, logger${leases ? ', lease: settings.lease' : ''}${nats ? ', nats: settings.natsUrl === undefined ? undefined : { servers: [...settings.natsUrl], ackWaitMs: settings.natsAckWaitMs }, contexts' : ''} });\n` +
    `// The store schema first (what Emmett's autoMigration would do on first use), so the consumers\n` +
    `// never start on a missing schema; then the dead-letter table.\n` +
    `await service.eventStore.schema.migrate();\n` +
    `await service.operations.prepare();\n` +
    `// Emmett 0.42.0 adds a SIGTERM and a SIGINT listener per processor: room for them without\n` +
    `// Node's "possible EventEmitter memory leak" warning on models with many processors.\n` +
    `process.setMaxListeners(Math.max(process.getMaxListeners(), processorIds.length + 10));\n` +
    `service.start(settings.processors === 'all' ? undefined : settings.processors);\n` +
    `const ops = await service.serve({ port: settings.opsPort, host: settings.opsHost });\n` +
    `const context = { service, settings, config };\n` +
    `const app = await createHttpApp(context);\n` +
    `const api = await app.listen({ port: settings.port, host: settings.host });\n` +
    `await onStart(context);\n` +
    `logger.info({ url: ops.url, api, processors: settings.processors }, 'service started: HTTP API, GET /health, GET /metrics');\n\n` +
    `let stopping = false;\n` +
    `// Emmett 0.42.0 defect: every processor adds its own SIGTERM/SIGINT listener whose close() runs\n` +
    `// without a connection and rejects ("... is missing connection string"), unhandled, which would\n` +
    `// kill the process before the clean stop below. Only that rejection, only while stopping, is\n` +
    `// ignored; any other unhandled rejection is logged and ends the process as Node would.\n` +
    `process.on('unhandledRejection', (error) => {\n` +
    `  if (stopping && error instanceof Error && error.message.includes('is missing connection string')) return;\n` +
    `  logger.fatal({ err: error }, 'unhandled rejection');\n` +
    `  process.exit(1);\n` +
    `});\n\n` +
    `const shutdown = (signal: string) => {\n` +
    `  // A signal repeated while stopping must not end it half-way.\n` +
    `  if (stopping) return;\n` +
    `  stopping = true;\n` +
    `  logger.info({ signal }, 'stopping');\n` +
    `  // The API stops taking requests first (in-flight ones finish), then your wiring, then the service.\n` +
    `  void app\n` +
    `    .close()\n` +
    `    .then(() => onStop(context))\n` +
    `    .finally(() => Promise.allSettled([ops.close(), service.stop()]).then(() => process.exit(0)));\n` +
    `};\n` +
    `process.on('SIGINT', () => shutdown('SIGINT'));\n` +
    `process.on('SIGTERM', () => shutdown('SIGTERM'));\n`;
  return { path, contents, ownership: 'generated', sources };
}
