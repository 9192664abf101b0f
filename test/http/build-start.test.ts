// `npm run build && npm start` in a fresh generated library service: tsc builds src/ to dist/,
// plain node runs it (no tsx), and the API answers over real HTTP on PostgreSQL: a command is
// accepted, its stream and the OpenAPI document are read back, a bad body is a 400, and SIGTERM
// stops it cleanly. Packaging files: a multi-stage Dockerfile on the current Node LTS (no Docker
// on this machine: its structure is checked here), compose.yaml, README, .gitignore, engines.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateCopy, removeCopy } from '../generated-project/shared-service.js';
import { sharedExample } from '../generated-project/example-project.js';
import { GENERATED_RUN_TIMEOUT } from '../generated-project/support.js';
import { usePostgres } from '../support/postgres.js';
import { NODE_ENGINES, NODE_IMAGE } from '../../generator/emit/versions.js';
import { startServiceProcess } from './serviceProcess.js';

const postgres = usePostgres('build_start');

describe('a built generated service', () => {
  let dir = '';
  // The build writes dist/: a private copy of the run's library service (ADR 0107).
  beforeAll(async () => {
    dir = privateCopy(await sharedExample('library'), 'build-start');
  });
  afterAll(() => removeCopy(dir));

  it(
    'npm run build, then node dist/main.js serves the API and stops on SIGTERM',
    async () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
      expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
      expect(pkg.scripts.start).toBe('node dist/main.js');
      expect(pkg.engines.node).toBe(NODE_ENGINES);
      const build = spawnSync(path.join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8' });
      expect(build.stdout + build.stderr).toBe('');
      expect(fs.existsSync(path.join(dir, 'dist/main.js'))).toBe(true);

      const service = await startServiceProcess(process.execPath, ['dist/main.js'], {
        cwd: dir,
        env: { PATH: process.env.PATH, DATABASE_URL: postgres.connectionString, PORT: '0', OPS_PORT: '0', LOG_LEVEL: 'info' },
        timeoutMs: 60_000,
      });
      const { api } = service;
      let code: number | null = null;
      try {
        const id = '5b0c7f0e-0000-4000-8000-000000000001';
        // Existence (ADR 0032): a reminder for a loan nobody borrowed is a typed rejection.
        const unknown = await fetch(`${api}/lending/loan/${id}/send-reminder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(unknown.status).toBe(409);
        expect(((await unknown.json()) as { rejection: string }).rejection).toBe('LoanNotFound');
        // A loan borrowed earlier (stored directly: the library's inline read model is still a stub).
        const plain = getPostgreSQLEventStore(postgres.connectionString);
        await plain.appendToStream(`lending_loan-${id}`, [
          { type: 'BookBorrowed', data: { loanId: id, memberId: '5b0c7f0e-0000-4000-8000-000000000002', copy: { isbn: '978-0', copyNumber: 1 }, dueOn: '2026-01-15' } },
        ]);
        await plain.close();
        const sent = await fetch(`${api}/lending/loan/${id}/send-reminder`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(sent.status).toBe(200);
        expect(sent.headers.get('etag')).toBe('"2"');
        expect(await sent.json()).toEqual({ streamVersion: 2, events: [{ type: 'ReminderSent', data: { loanId: id } }] });
        // The next command on the same stream, conditional on its version: 200, version 3.
        // No body at all: the identity is SendReminder's only field, and it is in the path.
        const again = await fetch(`${api}/lending/loan/${id}/send-reminder`, { method: 'POST', headers: { 'if-match': '"2"' } });
        expect(again.status).toBe(200);
        expect(again.headers.get('etag')).toBe('"3"');
        const state = await fetch(`${api}/lending/loan/${id}`);
        expect(state.status).toBe(200);
        expect(((await state.json()) as { version: number }).version).toBe(3);
        const bad = await fetch(`${api}/lending/loan/${id}/borrow-book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"memberId":42}' });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['/copy', '/dueOn', '/memberId']);
        expect((await fetch(`${api}/openapi.json`)).status).toBe(200);
        // Fastify's own refusals are problem details too, titled by their status.
        const media = await fetch(`${api}/lending/loan/${id}/send-reminder`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<hi/>' });
        expect(media.status).toBe(415);
        expect(media.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(((await media.json()) as { title: string }).title).toBe('Unsupported Media Type');

        // Eight concurrent requests with one Idempotency-Key: the command runs once; each other
        // request gets the first outcome replayed, or 409 while the first is still running.
        const other = '5b0c7f0e-0000-4000-8000-000000000002';
        const store = getPostgreSQLEventStore(postgres.connectionString);
        await store.appendToStream(`lending_loan-${other}`, [
          { type: 'BookBorrowed', data: { loanId: other, memberId: '5b0c7f0e-0000-4000-8000-000000000002', copy: { isbn: '978-0', copyNumber: 2 }, dueOn: '2026-01-15' } },
        ]);
        await store.close();
        const responses = await Promise.all(
          Array.from({ length: 8 }, () =>
            fetch(`${api}/lending/loan/${other}/send-reminder`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'same' }, body: '{}' }),
          ),
        );
        const outcomes = responses.map((r) => `${r.status}${r.headers.get('idempotent-replayed') ? ' replayed' : ''}`);
        expect(outcomes.filter((o) => o === '200'), outcomes.join(', ')).toHaveLength(1);
        expect(outcomes.every((o) => o === '200' || o === '200 replayed' || o === '409'), outcomes.join(', ')).toBe(true);
        const otherState = await fetch(`${api}/lending/loan/${other}`);
        expect(((await otherState.json()) as { version: number }).version).toBe(2);
      } finally {
        code = await service.stop();
      }
      expect(code, service.output).toBe(0);
    },
    GENERATED_RUN_TIMEOUT,
  );

  it('ships a multi-stage Dockerfile on the current Node LTS, compose.yaml with PostgreSQL, README and .gitignore', () => {
    const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
    const dockerfile = read('Dockerfile');
    const from = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => [m[1], m[2]]);
    expect(from).toEqual([
      [NODE_IMAGE, 'build'],
      [NODE_IMAGE, undefined],
    ]);
    expect(dockerfile).toContain('RUN npm run build && npm prune --omit=dev');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    // Every COPY source of the build stage exists in the service.
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of sources!.split(' ')) expect(source === 'package*.json' || fs.existsSync(path.join(dir, source)), source).toBe(true);
    }
    const compose = read('compose.yaml');
    expect(compose).toContain('image: postgres:18');
    expect(compose).toContain('DATABASE_URL: postgresql://app:app@db:5432/app');
    expect(compose).toContain('condition: service_healthy');
    expect(read('.gitignore').split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/']));
    const readme = read('README.md');
    expect(readme).toContain('| `POST /lending/loan/{loanId}/borrow-book` | BorrowBook on Loan |');
    expect(readme).toContain('`DATABASE_URL`');
  });
});
