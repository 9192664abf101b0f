// src/settings.ts of a generated service: the configuration the generated code needs, read from
// environment variables and validated at start. Every bad value is reported (not just the first),
// each as `error[ENV_<NAME>]: ...` with a hint, and the process exits before touching anything.

import type { PlannedFile } from '../../plan-types.js';
import { kebabCase, policyNames } from '../../names.js';
import { generatedHeader, str } from '../code.js';
import { hasPublishedEvents, type ContextFacts } from '../../ir/context.js';
import { httpLayout } from '../../ir/paths.js';
import { projectionFacts, projectionVersionNames } from '../../ir/projection.js';
import { processorIds } from '../../ir/ops.js';

export function settingsFile(all: readonly ContextFacts[], sources: string[]): PlannedFile {
  const ids = processorIds(all);
  const nats = hasPublishedEvents(all);
  const contextIds = all.map((facts) => kebabCase(facts.context.name));
  const contents =
    generatedHeader(sources) +
    `// Settings from environment variables, validated at start (src/main.ts). Your own settings go in\n` +
    `// src/extensions/config.ts. All variables are listed in README.md ("Configuration").\n\n` +
    `/** The async processors of this service (projections and policies): PROCESSORS picks among them. */\n` +
    `export const processorIds = [${ids.map(str).join(', ')}] as const;\n\n` +
    `export type Settings = {\n` +
    `  /** DATABASE_URL: PostgreSQL connection string (required). */\n` +
    `  databaseUrl: string;\n` +
    `  /** HOST and PORT of the HTTP API (default 127.0.0.1:3000; 0.0.0.0 in a container). */\n` +
    `  host: string;\n` +
    `  port: number;\n` +
    `  /** OPS_HOST and OPS_PORT of /health and /metrics (default 127.0.0.1:9464). */\n` +
    `  opsHost: string;\n` +
    `  opsPort: number;\n` +
    `  /** LOG_LEVEL: fatal, error, warn, info (default), debug, trace or silent. */\n` +
    `  logLevel: LogLevel;\n` +
    `  /** DATABASE_POOL_SIZE: connections of the HTTP API's pool (reads, idempotency keys); default 10. */\n` +
    `  poolSize: number;\n` +
    `  /** PROCESSORS: which async processors this instance runs: all (default), none, or a comma list of ids. */\n` +
    `  processors: readonly string[] | 'all';\n` +
    `  /** IDEMPOTENCY_TTL_SECONDS: how long an Idempotency-Key's first outcome is kept; default 86400 (24 h). */\n` +
    `  idempotencyTtlSeconds: number;\n` +
    `  /** LEASE_RETRY_MS: how often a standby instance tries to take a processor's lease, the takeover bound\n` +
    `   * after a crash (default 1000). LEASE_HEARTBEAT_MS: how often the holder checks its lease (default 1000).\n` +
    `   * LEASE_KEEPALIVE_SECONDS: silence after which PostgreSQL drops a vanished host's session and so frees\n` +
    `   * its leases, plus 3 probes 1 s apart (default 5). docs/operations.md has the trade-offs. */\n` +
    `  lease: { retryMs: number; heartbeatMs: number; keepaliveIdleSeconds: number };\n` +
    (nats
      ? `  /** NATS_URL: NATS server(s) with JetStream, a comma list of nats:// or tls:// URLs; unset: published\n` +
        `   * events stay in this database (no outbox relay, no import). */\n` +
        `  natsUrl: readonly string[] | undefined;\n` +
        `  /** NATS_ACK_WAIT_MS: how long a message an importing instance took stays with it unacked before JetStream\n` +
        `   * redelivers it, the bound on how soon the messages a crashed importer held reach another (default 30000). */\n` +
        `  natsAckWaitMs: number;\n` +
        `  /** CONTEXTS: the bounded contexts this service runs: all (default) or a comma list of ${contextIds.join(', ')}.\n` +
        `   * A subset is a service of its own with its own database; it needs NATS_URL when it consumes the others' events. */\n` +
        `  contexts: readonly string[] | 'all';\n`
      : '') +
    `};\n\n` +
    (nats ? `/** The bounded contexts of this service, as CONTEXTS names them. */\nexport const contextIds = [${contextIds.map(str).join(', ')}] as const;\n\n` : '') +
    `export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;\n` +
    `export type LogLevel = (typeof logLevels)[number];\n\n` +
    `/** One bad environment variable: \`error[ENV_PORT]: PORT=abc is not ...\` and what to do. */\n` +
    `export type SettingError = { variable: string; message: string; hint: string };\n\n` +
    `export const formatSettingError = ({ variable, message, hint }: SettingError): string =>\n` +
    `  \`error[ENV_\${variable}]: \${message}\\n  hint: \${hint}\`;\n\n` +
    `type Env = Readonly<Record<string, string | undefined>>;\n\n` +
    `const integer = (env: Env, variable: string, fallback: number, min: number, max: number, errors: SettingError[], what: string): number => {\n` +
    `  const text = env[variable];\n` +
    `  if (text === undefined || text === '') return fallback;\n` +
    `  if (/^\\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max) return Number(text);\n` +
    `  errors.push({ variable, message: \`\${variable}=\${JSON.stringify(text)} is not \${what} (an integer \${min}..\${max})\`, hint: \`set \${variable} to an integer between \${min} and \${max}, or unset it for \${fallback}\` });\n` +
    `  return fallback;\n` +
    `};\n\n` +
    `const databaseUrl = (env: Env, errors: SettingError[]): string => {\n` +
    `  const text = env.DATABASE_URL;\n` +
    `  const hint = 'export DATABASE_URL=postgresql://user:password@host:5432/database';\n` +
    `  if (text === undefined || text === '') {\n` +
    `    errors.push({ variable: 'DATABASE_URL', message: 'DATABASE_URL is not set', hint });\n` +
    `    return '';\n` +
    `  }\n` +
    `  let protocol = '';\n` +
    `  try {\n` +
    `    protocol = new URL(text).protocol;\n` +
    `  } catch {\n` +
    `    // reported below\n` +
    `  }\n` +
    `  // Never echo the value: it may hold a password.\n` +
    `  if (protocol !== 'postgres:' && protocol !== 'postgresql:') errors.push({ variable: 'DATABASE_URL', message: 'DATABASE_URL is not a postgres:// or postgresql:// URL', hint });\n` +
    `  return text;\n` +
    `};\n\n` +
    `const host = (env: Env, variable: string, errors: SettingError[]): string => {\n` +
    `  const text = env[variable];\n` +
    `  if (text === undefined || text === '') return '127.0.0.1';\n` +
    `  if (/^[A-Za-z0-9.:\\-\\[\\]]+$/.test(text)) return text;\n` +
    `  errors.push({ variable, message: \`\${variable}=\${JSON.stringify(text)} is not a host name or IP address\`, hint: \`e.g. \${variable}=0.0.0.0 to listen on every interface\` });\n` +
    `  return '127.0.0.1';\n` +
    `};\n\n` +
    `const processors = (env: Env, errors: SettingError[]): Settings['processors'] => {\n` +
    `  const text = (env.PROCESSORS ?? '').trim();\n` +
    `  if (text === '' || text === 'all') return 'all';\n` +
    `  if (text === 'none') return [];\n` +
    `  const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');\n` +
    `  const unknown = ids.filter((id) => !(processorIds as readonly string[]).includes(id));\n` +
    `  if (unknown.length > 0) {\n` +
    `    const known = processorIds.length > 0 ? processorIds.join(', ') : '(this service has none)';\n` +
    `    errors.push({ variable: 'PROCESSORS', message: \`PROCESSORS names unknown processor(s): \${unknown.join(', ')}\`, hint: \`use all, none, or a comma list of: \${known}\` });\n` +
    `  }\n` +
    `  return ids;\n` +
    `};\n\n` +
    (nats
      ? `const natsUrl = (env: Env, errors: SettingError[]): readonly string[] | undefined => {\n` +
        `  const text = (env.NATS_URL ?? '').trim();\n` +
        `  if (text === '') return undefined;\n` +
        `  const servers = text.split(',').map((s) => s.trim()).filter((s) => s !== '');\n` +
        `  const valid = (server: string) => {\n` +
        `    try {\n` +
        `      return ['nats:', 'tls:', 'ws:', 'wss:'].includes(new URL(server).protocol);\n` +
        `    } catch {\n` +
        `      return false;\n` +
        `    }\n` +
        `  };\n` +
        `  // Never echo the value: it may hold a user and password.\n` +
        `  if (servers.length === 0 || !servers.every(valid))\n` +
        `    errors.push({ variable: 'NATS_URL', message: 'NATS_URL is not a nats:// or tls:// URL (or a comma list of them)', hint: 'export NATS_URL=nats://127.0.0.1:4222, or unset it to keep published events in this database' });\n` +
        `  return servers;\n` +
        `};\n\n` +
        `const contexts = (env: Env, errors: SettingError[]): Settings['contexts'] => {\n` +
        `  const text = (env.CONTEXTS ?? '').trim();\n` +
        `  if (text === '' || text === 'all') return 'all';\n` +
        `  const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');\n` +
        `  const unknown = ids.filter((id) => !(contextIds as readonly string[]).includes(id));\n` +
        `  if (unknown.length > 0 || ids.length === 0)\n` +
        `    errors.push({ variable: 'CONTEXTS', message: \`CONTEXTS names unknown context(s): \${unknown.join(', ') || '(none)'}\`, hint: \`use all or a comma list of: \${contextIds.join(', ')}\` });\n` +
        `  return ids;\n` +
        `};\n\n`
      : '') +
    `/** Reads and checks every setting; \`errors\` lists each bad variable (then \`settings\` must not be used). */\n` +
    `export const loadSettings = (env: Env): { settings: Settings; errors: SettingError[] } => {\n` +
    `  const errors: SettingError[] = [];\n` +
    `  const level = env.LOG_LEVEL === undefined || env.LOG_LEVEL === '' ? 'info' : env.LOG_LEVEL;\n` +
    `  if (!(logLevels as readonly string[]).includes(level)) {\n` +
    `    errors.push({ variable: 'LOG_LEVEL', message: \`LOG_LEVEL=\${JSON.stringify(level)} is not a log level\`, hint: \`use one of \${logLevels.join(', ')}\` });\n` +
    `  }\n` +
    `  const settings: Settings = {\n` +
    `    databaseUrl: databaseUrl(env, errors),\n` +
    `    host: host(env, 'HOST', errors),\n` +
    `    port: integer(env, 'PORT', 3000, 0, 65535, errors, 'a port'),\n` +
    `    opsHost: host(env, 'OPS_HOST', errors),\n` +
    `    opsPort: integer(env, 'OPS_PORT', 9464, 0, 65535, errors, 'a port'),\n` +
    `    logLevel: ((logLevels as readonly string[]).includes(level) ? level : 'info') as LogLevel,\n` +
    `    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000, errors, 'a pool size'),\n` +
    `    processors: processors(env, errors),\n` +
    `    idempotencyTtlSeconds: integer(env, 'IDEMPOTENCY_TTL_SECONDS', 86_400, 1, 31_536_000, errors, 'a number of seconds'),\n` +
    `    lease: {\n` +
    `      retryMs: integer(env, 'LEASE_RETRY_MS', 1000, 10, 600_000, errors, 'a number of milliseconds'),\n` +
    `      heartbeatMs: integer(env, 'LEASE_HEARTBEAT_MS', 1000, 10, 600_000, errors, 'a number of milliseconds'),\n` +
    `      keepaliveIdleSeconds: integer(env, 'LEASE_KEEPALIVE_SECONDS', 5, 1, 3600, errors, 'a number of seconds'),\n` +
    `    },\n` +
    (nats
      ? `    natsUrl: natsUrl(env, errors),\n` +
        `    natsAckWaitMs: integer(env, 'NATS_ACK_WAIT_MS', 30_000, 1000, 3_600_000, errors, 'a number of milliseconds'),\n` +
        `    contexts: contexts(env, errors),\n`
      : '') +
    `  };\n` +
    `  return { settings, errors };\n` +
    `};\n`;
  return { path: httpLayout.settings, contents, ownership: 'generated', sources };
}
