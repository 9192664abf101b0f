// Electronegativity as a gate. The scanner's CLI exits 0 even with findings (upstream issue
// #108) and its programmatic API needs every option key (issue #72), so we call `run` ourselves,
// apply the severity/confidence threshold and the reviewed allowlist, and fail on the rest.
//
//   node security/electronegativity-gate.mjs <dir|file|app.asar> [--sarif out.sarif]
//
// Exit: 0 clean, 1 findings (or parse errors: an unscanned file is not a clean file), 2 usage.
import { cp, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ALLOWLIST_FILE = path.join(HERE, 'electronegativity-allow.json');

/** Severity and confidence at or above which a finding blocks (hardening.md C7 row 76). */
export const THRESHOLD = { severity: 'MEDIUM', confidence: 'FIRM' };
/**
 * Findings that block at any severity: the scanner files an explicit `nodeIntegration: true` as
 * INFORMATIONAL, yet it is the one setting that must never appear.
 */
export const ALWAYS_BLOCKING = new Set(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']);
/**
 * Checks not run: AvailableSecurityFixesGlobalCheck downloads Electron's release list from
 * GitHub (no network in CI; the Electron version is pinned and reviewed on upgrade instead).
 */
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
export const ELECTRON_VERSION = require('electron/package.json').version;

/**
 * Also: npm hoists @typescript-eslint/typescript-estree next to our TypeScript 7 (native, no JS
 * API), while Electronegativity pins TypeScript ~4.2 in its own node_modules. Resolve
 * `typescript` for typescript-estree to that pinned copy, only while the scanner loads.
 */
function loadScanner() {
  const scannerDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const pinnedTypescript = require.resolve('typescript', { paths: [scannerDir] });
  const offlineGot = path.join(HERE, 'offline-got.cjs');
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const from = parent?.filename ?? '';
    if (request === 'typescript' && from.includes(`${path.sep}@typescript-eslint${path.sep}`)) return pinnedTypescript;
    // The scanner stays offline (see offline-got.cjs).
    if (request === 'got' && from.startsWith(scannerDir)) return offlineGot;
    return original.call(this, request, parent, ...rest);
  };
  try {
    return require('@doyensec/electronegativity');
  } finally {
    Module._resolveFilename = original;
  }
}

/**
 * The scanner reads only .js/.ts/.jsx/.tsx/.html: the shipped bundles app/dist/main.cjs and
 * preload.cjs would be skipped silently (a clean-looking result that checked nothing). Scan a
 * copy with each .cjs renamed to .js; findings are reported under the .cjs name again.
 * Returns null when the input holds no .cjs file (scanned in place).
 */
async function stageCommonJs(input) {
  const info = await stat(input);
  const cjs = info.isDirectory()
    ? (await readdir(input, { recursive: true })).map(String).filter((f) => f.endsWith('.cjs'))
    : input.endsWith('.cjs') ? [path.basename(input)] : [];
  if (cjs.length === 0) return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'stormsmith-eneg-cjs-'));
  await cp(input, info.isDirectory() ? dir : path.join(dir, path.basename(input)), { recursive: true });
  for (const f of cjs) await rename(path.join(dir, f), path.join(dir, f.replace(/\.cjs$/, '.js')));
  const renamed = new Set(cjs.map((f) => f.split(path.sep).join('/').replace(/\.cjs$/, '.js')));
  return { dir: info.isDirectory() ? dir : path.join(dir, path.basename(input).replace(/\.cjs$/, '.js')), root: dir, renamed };
}

/** Runs the scanner; returns every issue and every parse error, unfiltered. */
export async function scan(input, { sarif } = {}) {
  const staged = await stageCommonJs(path.resolve(input));
  try {
    const result = await scanAs(staged ? staged.dir : input, sarif);
    if (!staged) return result;
    const back = (file) => (staged.renamed.has(file) ? file.replace(/\.js$/, '.cjs') : file);
    return { ...result, issues: result.issues.map((i) => ({ ...i, file: back(i.file) })), parseErrors: result.parseErrors.map((e) => ({ ...e, file: back(e.file) })) };
  } finally {
    if (staged) await rm(staged.root, { recursive: true, force: true });
  }
}

async function scanAs(input, sarif) {
  const run = loadScanner();
  // Every key, even when unused (upstream issue #72).
  const result = await run({
    input: path.resolve(input),
    output: sarif,
    isSarif: Boolean(sarif),
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()),
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: ELECTRON_VERSION,
    parserPlugins: [],
  });
  return {
    checks: result.globalChecks + result.atomicChecks,
    issues: result.issues.map((i) => ({
      id: i.id,
      file: i.file,
      line: i.location.line,
      column: i.location.column,
      severity: i.severity.name,
      confidence: i.confidence.name,
      manualReview: i.manualReview,
      description: i.description,
    })),
    parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => ({ file: e.file, message: e.message })),
  };
}

const SEVERITY = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const CONFIDENCE = ['TENTATIVE', 'FIRM', 'CERTAIN'];

/** Allowlist entries: `{ "id": "CHECK_ID", "file": "relative/path", "reason": "why it is fine" }`. */
export async function readAllowlist(file = ALLOWLIST_FILE) {
  const entries = JSON.parse(await readFile(file, 'utf8'));
  for (const e of entries) {
    if (typeof e.id !== 'string' || typeof e.file !== 'string' || typeof e.reason !== 'string' || e.reason.trim() === '') {
      throw new Error(`${file}: every entry needs id, file and a reason`);
    }
  }
  return entries;
}

/**
 * Finding paths are relative to whatever folder was scanned (the test's staging copy, `app`,
 * `app/main`, the repository root): an entry matches when one path ends with the other on
 * whole segments, so `main/window-factory.ts` covers `window-factory.ts` and
 * `app/main/window-factory.ts`, never `other/window-factory.ts`.
 */
export function samePath(entry, finding) {
  const a = entry.split('\\').join('/');
  const b = String(finding).split('\\').join('/');
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** The findings that fail the gate. */
export function blockingFindings(issues, allowlist, threshold = THRESHOLD) {
  return issues.filter((i) => {
    if (allowlist.some((e) => e.id === i.id && samePath(e.file, i.file))) return false;
    if (ALWAYS_BLOCKING.has(i.id)) return true;
    return SEVERITY.indexOf(i.severity) >= SEVERITY.indexOf(threshold.severity) && CONFIDENCE.indexOf(i.confidence) >= CONFIDENCE.indexOf(threshold.confidence);
  });
}

export const formatFinding = (i) => `${i.file}:${i.line}:${i.column}: error[${i.id}]: ${i.description} (${i.severity}/${i.confidence})`;

async function cli(argv) {
  const input = argv[0];
  if (!input) {
    console.error('usage: node security/electronegativity-gate.mjs <dir|file|app.asar> [--sarif out.sarif]');
    return 2;
  }
  const sarifAt = argv.indexOf('--sarif');
  const result = await scan(input, sarifAt > 0 ? { sarif: argv[sarifAt + 1] } : {});
  const blocking = blockingFindings(result.issues, await readAllowlist());
  for (const e of result.parseErrors) console.error(`${e.file}:1:1: error[E_SCAN_PARSE]: ${e.message}\n  hint: the scanner could not read this file, so it was not checked`);
  for (const f of blocking) console.error(formatFinding(f));
  console.log(`electronegativity: ${result.checks} checks, ${result.issues.length} findings, ${blocking.length} blocking, ${result.parseErrors.length} unreadable files`);
  return blocking.length > 0 || result.parseErrors.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await cli(process.argv.slice(2));
}
