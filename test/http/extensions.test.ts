// The user-owned extension points of a generated service (src/extensions/): a user adds an
// authentication hook, a route of their own and a setting, regenerates (no E_HAND_EDITED, their
// files untouched, `--check` clean), and the running API enforces the hook and serves the route.
// Settings: every bad environment value is reported at start, each with its own error line.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedExample } from '../generated-project/example-project.js';
import { expectUntouched } from '../generated-project/shared-service.js';
import { GENERATED_RUN_TIMEOUT, REPO_ROOT, runGeneratedTests } from '../generated-project/support.js';
import { libraryRepo, runCli } from '../regen/support.js';

const HOOKS = `import type { FastifyInstance } from 'fastify';
import type { ExtensionContext } from '../http/app.js';

export const registerHooks = async (app: FastifyInstance, context: ExtensionContext): Promise<void> => {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/openapi.json') return;
    if (request.headers.authorization !== \`Bearer \${context.config.apiToken}\`) {
      return reply.code(401).type('application/problem+json').send({ type: 'urn:example:unauthorized', title: 'Unauthorized', status: 401 });
    }
  });
};
`;

const ROUTES = `import type { FastifyInstance } from 'fastify';
import type { ExtensionContext } from '../http/app.js';

export const registerRoutes = async (app: FastifyInstance, context: ExtensionContext): Promise<void> => {
  app.get('/hello', async () => ({ hello: context.config.apiToken.length }));
};
`;

const CONFIG = `export type AppConfig = { apiToken: string };

export const loadAppConfig = (env: Readonly<Record<string, string | undefined>>, fail: (variable: string, message: string, hint: string) => void): AppConfig => {
  const apiToken = env.API_TOKEN ?? '';
  if (apiToken.length < 8) fail('API_TOKEN', 'API_TOKEN is shorter than 8 characters', 'export API_TOKEN=<a long random token>');
  return { apiToken };
};
`;

const TEST = `import { expect, it } from 'vitest';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { useApi } from './support.js';

const api = useApi('extensions');

it('the hook guards generated routes, and the user route is served', async () => {
  // A reminder needs a Loan that exists (existence): one borrowed earlier, stored without the
  // service's inline projections (whose BookBorrowed handler is still a stub in this service).
  const plain = getPostgreSQLEventStore(api().connectionString);
  await plain.appendToStream('lending_loan-7a0e8a5e-0000-4000-8000-000000000001', [
    { type: 'BookBorrowed', data: { loanId: '7a0e8a5e-0000-4000-8000-000000000001', memberId: '7a0e8a5e-0000-4000-8000-000000000002', copy: { isbn: '978-0', copyNumber: 1 }, dueOn: '2026-01-15' } },
  ]);
  await plain.close();
  const denied = await api().post('/lending/loan/7a0e8a5e-0000-4000-8000-000000000001/send-reminder', {});
  expect(denied.status).toBe(401);
  const allowed = await api().post('/lending/loan/7a0e8a5e-0000-4000-8000-000000000001/send-reminder', {}, { authorization: 'Bearer secret-token' });
  expect(allowed.status, JSON.stringify(allowed.body)).toBe(200); // the stream existed: 200, not 201
  expect((await api().get('/hello', { authorization: 'Bearer secret-token' })).body).toEqual({ hello: 12 });
  expect((await api().get('/openapi.json')).status).toBe(200);
});
`;

describe('extension points of a generated service', () => {
  it(
    'a user adds auth, a route and a setting; regeneration keeps them; the API runs with them',
    async () => {
      const repo = libraryRepo();
      expect((await runCli(['generate'], repo)).code).toBe(0);
      const service = path.join(repo, 'service');
      const write = (file: string, text: string) => fs.writeFileSync(path.join(service, file), text);
      write('src/extensions/hooks.ts', HOOKS);
      write('src/extensions/routes.ts', ROUTES);
      write('src/extensions/config.ts', CONFIG);
      const again = await runCli(['generate'], repo);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(again.stdout).not.toContain('E_HAND_EDITED');
      expect(fs.readFileSync(path.join(service, 'src/extensions/hooks.ts'), 'utf8')).toBe(HOOKS);
      expect(fs.readFileSync(path.join(service, 'src/extensions/routes.ts'), 'utf8')).toBe(ROUTES);
      expect(fs.readFileSync(path.join(service, 'src/extensions/config.ts'), 'utf8')).toBe(CONFIG);
      expect((await runCli(['generate', '--check'], repo)).code).toBe(0);

      // Run it: only the new test file, with the setting the user's config asks for.
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(service, 'node_modules'), 'dir');
      write('test/http/extensions.pg.test.ts', TEST);
      process.env.API_TOKEN = 'secret-token';
      try {
        const tsc = spawnSync(path.join(service, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: service, encoding: 'utf8' });
        expect(tsc.stdout + tsc.stderr).toBe('');
        const { run, outcomes } = runGeneratedTests(service, ["test/http/extensions.pg.test.ts"]);
        expect(outcomes.map((o) => o.status), run.output).toEqual(['passed']);
      } finally {
        delete process.env.API_TOKEN;
      }
    },
    GENERATED_RUN_TIMEOUT,
  );
});

describe('settings of a generated service', () => {
  it(
    'npm start with bad environment values reports each one, with a hint, and exits 2 before starting',
    async () => {
      // The run's library service, only read (ADR 0107): the process exits before it writes anything.
      const service = await sharedExample('library');
      const dir = service.dir;
      try {
        const env = { PATH: process.env.PATH, DATABASE_URL: 'mysql://nope', PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_POOL_SIZE: '0', PROCESSORS: 'lending:overdue-loans,lending:nope' };
        const run = spawnSync(path.join(dir, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
        expect(run.status, run.stderr).toBe(2);
        const errors = run.stderr.split('\n').filter((line) => line.startsWith('error['));
        expect(errors).toEqual([
          'error[ENV_LOG_LEVEL]: LOG_LEVEL="loud" is not a log level',
          'error[ENV_DATABASE_URL]: DATABASE_URL is not a postgres:// or postgresql:// URL',
          'error[ENV_PORT]: PORT="eighty" is not a port (an integer 0..65535)',
          'error[ENV_DATABASE_POOL_SIZE]: DATABASE_POOL_SIZE="0" is not a pool size (an integer 1..1000)',
          'error[ENV_PROCESSORS]: PROCESSORS names unknown processor(s): lending:nope',
        ]);
        expect(run.stderr).toContain('  hint: use all, none, or a comma list of: lending:overdue-loans, lending:remind-when-due');
        // The URL may hold a password: it is never echoed.
        expect(run.stderr).not.toContain('mysql://nope');
        expect(run.stdout).toBe('');
      } finally {
        expectUntouched(service, 'after this test');
      }
    },
    GENERATED_RUN_TIMEOUT,
  );

  it(
    'NATS_URL, NATS_ACK_WAIT_MS, CONTEXTS and lease timing are validated like the others; a context split off without NATS is refused',
    async () => {
      const service = await sharedExample('shop');
      const dir = service.dir;
      try {
        const start = (extra: Record<string, string>) =>
          spawnSync(path.join(dir, 'node_modules/.bin/tsx'), ['src/main.ts'], { cwd: dir, env: { PATH: process.env.PATH, DATABASE_URL: 'postgresql://u:p@127.0.0.1:1/shop', ...extra }, encoding: 'utf8', timeout: 60_000 });
        const bad = start({ NATS_URL: 'http://user:secret@broker:4222', CONTEXTS: 'shipping,warehouse', LEASE_RETRY_MS: 'fast', LEASE_HEARTBEAT_MS: '0', LEASE_KEEPALIVE_SECONDS: '86400', NATS_ACK_WAIT_MS: '500' });
        expect(bad.status, bad.stderr).toBe(2);
        expect(bad.stderr.split('\n').filter((line) => line.startsWith('error['))).toEqual([
          'error[ENV_LEASE_RETRY_MS]: LEASE_RETRY_MS="fast" is not a number of milliseconds (an integer 10..600000)',
          'error[ENV_LEASE_HEARTBEAT_MS]: LEASE_HEARTBEAT_MS="0" is not a number of milliseconds (an integer 10..600000)',
          'error[ENV_LEASE_KEEPALIVE_SECONDS]: LEASE_KEEPALIVE_SECONDS="86400" is not a number of seconds (an integer 1..3600)',
          'error[ENV_NATS_URL]: NATS_URL is not a nats:// or tls:// URL (or a comma list of them)',
          'error[ENV_NATS_ACK_WAIT_MS]: NATS_ACK_WAIT_MS="500" is not a number of milliseconds (an integer 1000..3600000)',
          'error[ENV_CONTEXTS]: CONTEXTS names unknown context(s): warehouse',
        ]);
        expect(bad.stderr).toContain('  hint: use all or a comma list of: ordering, payments, shipping');
        expect(bad.stderr).not.toContain('secret');
        // Shipping alone consumes Ordering's and Payments' events: as its own service only through NATS.
        const split = start({ CONTEXTS: 'shipping' });
        expect(split.status, split.stderr).toBe(2);
        expect(split.stderr.split('\n').filter((line) => line.startsWith('error['))).toEqual([
          'error[ENV_CONTEXTS]: CONTEXTS=shipping consumes events of other contexts (OrderPlaced, PaymentCaptured), which reach a service of its own through NATS',
        ]);
      } finally {
        expectUntouched(service, 'after this test');
      }
    },
    GENERATED_RUN_TIMEOUT,
  );
});
