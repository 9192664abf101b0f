// Helpers for tests that generate a whole project and run it: load an example model from
// models/, plan it, write the file map into a temp dir, and make its dependencies available.
//
// Dependencies: the generated package.json pins exactly the versions our root package.json
// pins (test/generator/versions.test.ts), so instead of a network `npm install` the fast path
// symlinks our root node_modules into the generated project. Node and TypeScript resolve
// packages through the symlink exactly as through an installed folder.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../generator/model/load.js';
import type { Model } from '../../generator/model/types.js';
import { plan, type PlanOptions } from '../../generator/plan.js';
import type { FileMap } from '../../generator/plan-types.js';
import { loadTemplates } from '../../generator/emit/templates.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Loads models/<example>/*.yaml; throws with the diagnostics when the model has errors. */
export function loadExample(example: string): Model {
  const dir = join(REPO_ROOT, 'models', example);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
  const result = loadModel(files);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.ok || errors.length > 0 || !result.model) {
    throw new Error(`models/${example} does not load:\n${errors.map((d) => `${d.file}:${d.line}:${d.col}: ${d.code}: ${d.message}`).join('\n')}`);
  }
  return result.model;
}

export async function planExample(example: string, options: PlanOptions = {}): Promise<FileMap> {
  return plan(loadExample(example), { templates: loadTemplates(), modelRoot: `models/${example}`, ...options });
}

/** Writes every planned file under `dir` (the way apply() would for a fresh folder). */
export function writeFileMap(files: FileMap, dir: string): void {
  for (const file of files.values()) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
}

/** A fresh temp dir with the plan written into it and our node_modules linked in. */
export function materialise(files: FileMap, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `stormsmith-${prefix}-`));
  try {
    writeFileMap(files, dir);
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true }); // the caller never learns the folder's name
    throw error;
  }
  return dir;
}

/** The environment for a child tool: ours minus vitest's worker variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_OPTIONS' && key !== 'TEST') env[key] = value;
  }
  return env;
}

export interface ToolRun {
  status: number | null;
  output: string;
}

/** Runs a tool installed in the project's node_modules/.bin (through our symlink). */
export function runTool(dir: string, tool: 'tsc' | 'vitest', args: string[]): ToolRun {
  const result = spawnSync(join(dir, 'node_modules', '.bin', tool), args, { cwd: dir, env: childEnv(), encoding: 'utf8', timeout: 240_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

export interface TestOutcome {
  file: string;
  name: string;
  status: 'passed' | 'failed' | 'todo' | 'skipped' | 'pending';
}

/**
 * `vitest run` inside the generated project, with the outcome of every test. The JSON report goes
 * to `reportFile` (default: .vitest-report.json in the project; a shared service's runs put it
 * outside, so the project is only read).
 */
export function runGeneratedTests(dir: string, files: string[] = [], reportFile = join(dir, '.vitest-report.json')): { run: ToolRun; outcomes: TestOutcome[] } {
  const run = runTool(dir, 'vitest', ['run', '--reporter=json', `--outputFile=${reportFile}`, ...files]);
  let outcomes: TestOutcome[] = [];
  try {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      testResults: { name: string; assertionResults: { title: string; status: TestOutcome['status'] }[] }[];
    };
    outcomes = report.testResults.flatMap((file) =>
      file.assertionResults.map((a) => ({ file: relative(dir, file.name).split(sep).join('/'), name: a.title, status: a.status })),
    );
  } catch {
    // No report: the run itself failed; `run.output` says why.
  }
  return { run, outcomes };
}

/** Per-test budget for a tsc or vitest run inside a generated project on a busy 2-core machine. */
export const GENERATED_RUN_TIMEOUT = 240_000;
