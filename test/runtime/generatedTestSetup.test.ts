// The generated project's test setup (templates/runtime/test/setup), run for real: the runtime
// folder is copied verbatim into a temp project, as the generator does, and a nested vitest runs
// a projection integration test there against the embedded PostgreSQL its global setup starts.
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');

type JsonReport = {
  success: boolean;
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
};

describe('generated project test setup (nested vitest run)', () => {
  let project: string;
  let nestedTmp: string;
  let report: JsonReport;
  let status: number | null;
  let output: string;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'stormsmith-generated-'));
    await cp(join(repo, 'templates/runtime/src'), join(project, 'src'), { recursive: true });
    await cp(join(repo, 'templates/runtime/test'), join(project, 'test'), { recursive: true });
    await symlink(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'generated', private: true, type: 'module' }));
    await writeFile(
      join(project, 'vitest.config.ts'),
      "import { defineConfig } from 'vitest/config';\n" +
        "export default defineConfig({ test: { globalSetup: ['test/setup/globalSetup.ts'], include: ['test/**/*.int.test.ts'], hookTimeout: 60_000 } });\n",
    );
    await cp(
      join(repo, 'test/runtime/fixtures/generated-project/loans.projection.int.generated-fixture.ts'),
      join(project, 'test/loans.projection.int.test.ts'),
    );
    // The nested run gets its own temp dir (world-traversable like /tmp, since the server runs
    // as the postgres user when we are root), so we can check what it leaves behind.
    nestedTmp = await mkdtemp(join(tmpdir(), 'stormsmith-nested-tmp-'));
    await chmod(nestedTmp, 0o1777);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: nestedTmp };
    delete env.DATABASE_URL; // exercise the embedded server path
    delete env.VITEST; delete env.VITEST_WORKER_ID; delete env.VITEST_POOL_ID; delete env.NODE_ENV;
    const run = spawnSync(
      process.execPath,
      [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', '--outputFile=report.json'],
      { cwd: project, env, encoding: 'utf8', timeout: 120_000 },
    );
    status = run.status;
    output = `${run.stdout}\n${run.stderr}`;
    report = JSON.parse(await readFile(join(project, 'report.json'), 'utf8')) as JsonReport;
  });

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
    if (nestedTmp) await rm(nestedTmp, { recursive: true, force: true });
  });

  const result = (title: string) =>
    report.testResults.flatMap((file) => file.assertionResults).find((test) => test.title === title);

  it('runs the projection integration test against a real PostgreSQL', () => {
    expect(result('projects inline into a fresh database')?.status, output).toBe('passed');
  });

  it('reports a stub-backed spec as todo (skipped with a todo note), not as a failure', () => {
    expect(result('a stub-backed spec is reported as todo')?.status, output).toBe('skipped');
  });

  it('still fails a spec with a genuine error', () => {
    const genuine = result('a real failure is not hidden by the todo wrapper');
    expect(genuine?.status).toBe('failed');
    expect(genuine?.failureMessages.join('\n')).toContain('genuine bug');
    // ...which is the only failure, so the run's exit status is 1 because of it alone.
    expect(status).toBe(1);
  });

  it('put the server data under the OS temp dir, and stopped and removed it at the end', async () => {
    expect(result('runs on a server whose data directory is under the OS temp dir')?.status, output).toBe('passed');
    // Only the initdb template stays, for the next run to copy instead of running initdb again.
    const uid = process.getuid?.() ?? 'user';
    expect(await readdir(nestedTmp)).toEqual([`stormsmith-pg-template-${process.platform}-${process.arch}-${uid}`]);
  });
});
