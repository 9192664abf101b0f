// `stormsmith check --typecheck`: strict tsc over the generated output, so that `check` never
// says "passed" over a service that does not compile when it can know (issue 11). It runs the
// TypeScript compiler the output itself has installed (its node_modules, found walking up from the
// output folder, as npm and tsc resolve it), with the output's own tsconfig.json: the compiler and
// settings `npm test` in that service would use. Without installed dependencies it cannot know,
// and says so (a failed step when --typecheck was asked for, never a silent pass).
//
// Trust: this executes the compiler installed in the output's node_modules, that is code the
// repository's lockfile installed, like `npm ci && npm test` does. That is why it is opt-in.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../../model/types.js';
import type { CheckStep } from './check-step.js';

/** `src/a.ts(3,14): error TS2322: message` (tsc's plain output, `--pretty false`). */
const TSC_LINE = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;

/** The output's installed tsc entry (node_modules/typescript/bin/tsc), or undefined. */
export function installedTsc(outDir: string): string | undefined {
  for (let dir = path.resolve(outDir); ; dir = path.dirname(dir)) {
    const bin = path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc');
    if (fs.existsSync(bin)) return bin;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** tsc's diagnostics as ours (paths relative to the working directory, `/` separators). */
export function parseTscOutput(output: string, projectDir: string, cwd: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = TSC_LINE.exec(line);
    if (!m) continue;
    const file = path.relative(cwd, path.resolve(projectDir, m[1]!)).split(path.sep).join('/');
    out.push({
      code: 'E_TYPECHECK',
      severity: m[4] === 'warning' ? 'warning' : 'error',
      file,
      line: Number(m[2]),
      col: Number(m[3]),
      message: `${m[5]}: ${m[6]}`,
      hint: 'the generated service does not compile: fix your code in user-owned files, or report a generator bug if the file is generated',
    });
  }
  return out;
}

export const typecheckStep: CheckStep = {
  id: 'typecheck',
  title: 'generated output type-checks (tsc)',
  async run(ctx) {
    if (!ctx.plan) return { status: 'skipped', diagnostics: [], note: 'the model has errors' };
    const tsconfig = path.join(ctx.outDir, 'tsconfig.json');
    const at = { file: path.relative(ctx.io.cwd, ctx.outDir).split(path.sep).join('/') || '.', line: 1, col: 1 };
    if (!fs.existsSync(tsconfig)) {
      return { status: 'failed', diagnostics: [{ code: 'E_TYPECHECK_UNAVAILABLE', severity: 'error', ...at, message: `no tsconfig.json in ${at.file}`, hint: 'run `stormsmith generate` first (with --into, type-check in your own build)' }] };
    }
    const tsc = installedTsc(ctx.outDir);
    if (!tsc) {
      return {
        status: 'failed',
        diagnostics: [{ code: 'E_TYPECHECK_UNAVAILABLE', severity: 'error', ...at, message: `cannot type-check ${at.file}: its dependencies are not installed (no node_modules/typescript)`, hint: `run \`npm ci\` in ${at.file} before \`stormsmith check --typecheck\`` }],
      };
    }
    const run = spawnSync(process.execPath, [tsc, '-p', tsconfig, '--noEmit', '--pretty', 'false'], { cwd: ctx.outDir, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
    const diagnostics = parseTscOutput(output, ctx.outDir, ctx.io.cwd);
    if (run.status === 0 && diagnostics.length === 0) return { status: 'passed', diagnostics: [] };
    if (diagnostics.length === 0) {
      diagnostics.push({ code: 'E_TYPECHECK', severity: 'error', ...at, message: `tsc failed (exit ${run.status ?? run.signal ?? run.error?.message}): ${output.trim().slice(0, 500)}`, hint: 'run `npx tsc -p tsconfig.json` in the output folder to see why' });
    }
    return { status: 'failed', diagnostics };
  },
};
