// Runs dependency-cruiser over the project with .dependency-cruiser.cjs and returns the rule
// violations. Used by layers.test.ts (in `npm test`; alone: `npx vitest run test/architecture`).
//
// Why the swc shim: the project compiles with TypeScript 7 (native, no JavaScript API), which
// dependency-cruiser cannot use, so it parses with @swc/core instead. dependency-cruiser asks swc
// for TypeScript syntax without JSX, which fails on .tsx files; the shim turns JSX on for them.
// Type-only imports are kept (swc's AST has them), so `import type` upward is caught too.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

type SwcParse = (source: string, options?: Record<string, unknown>, ...rest: unknown[]) => unknown;
function enableTsxInSwc(): void {
  const swc = require('@swc/core') as { parseFileSync: SwcParse & { tsxShim?: true } };
  if (swc.parseFileSync.tsxShim) return;
  const original = swc.parseFileSync;
  const shim = Object.assign((file: string, options?: Record<string, unknown>, ...rest: unknown[]) => original(file, file.endsWith('.tsx') ? { ...options, tsx: true } : options, ...rest), { tsxShim: true as const });
  swc.parseFileSync = shim;
}

export interface Violation {
  rule: string;
  from: string;
  to: string;
  /** For circles: the files of the cycle. */
  cycle?: string[];
}

export interface CruiseResult {
  modules: number;
  dependencies: number;
  violations: Violation[];
}

/** Cruises `roots` (relative to `baseDir`) with a rule set; the project's by default. */
export async function cruiseLayers(options: { baseDir?: string; roots?: string[]; ruleSet?: unknown } = {}): Promise<CruiseResult> {
  enableTsxInSwc();
  const { cruise } = await import('dependency-cruiser');
  const baseDir = options.baseDir ?? REPO_ROOT;
  const config = (options.ruleSet ?? require(`${REPO_ROOT}.dependency-cruiser.cjs`)) as { forbidden: unknown[]; options: Record<string, unknown> };
  const { options: cruiseOptions, ...ruleSet } = config;
  const previous = process.cwd();
  // dependency-cruiser reports paths relative to the working directory.
  process.chdir(baseDir);
  try {
    const result = await cruise(options.roots ?? ['app', 'generator', 'bench'], { ...cruiseOptions, ruleSet, validate: true } as never);
    const output = result.output as { summary: { totalCruised: number; totalDependenciesCruised: number; violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[] } };
    return {
      modules: output.summary.totalCruised,
      dependencies: output.summary.totalDependenciesCruised,
      violations: output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, ...(v.cycle ? { cycle: v.cycle.map((c) => c.name) } : {}) })),
    };
  } finally {
    process.chdir(previous);
  }
}
