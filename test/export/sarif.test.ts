// `stormsmith check --format sarif` writes a SARIF 2.1.0 log that validates against the
// official SARIF 2.1.0 JSON Schema (test/fixtures/sarif), with one result per diagnostic.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnosticsToSarif } from '../../generator/diagnostics/sarif.js';
import type { Diagnostic } from '../../generator/model/types.js';
import { DANGLING, runCli, tempTree } from '../cli/support.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url)), 'utf8'));
const ajv = new Ajv04({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const SHOP = fileURLToPath(new URL('../../models/shop', import.meta.url));

function expectValidSarif(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('check --format sarif', () => {
  it('a model with errors: valid SARIF, a result per diagnostic with its place, exit 1', async () => {
    const { dir, cleanup } = tempTree({ 'model/till.yaml': DANGLING });
    cleanups.push(cleanup);
    const run = await runCli(['check', 'model', '--out', 'gen', '--format', 'sarif'], dir);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expectValidSarif(log);
    const json = JSON.parse((await runCli(['check', 'model', '--out', 'gen', '--format', 'json'], dir)).stdout);
    const results = log.runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(json.diagnostics.map((d: { code: string }) => d.code));
    const first = results[0].locations[0].physicalLocation;
    expect(first.artifactLocation).toEqual({ uri: 'model/till.yaml', uriBaseId: '%SRCROOT%' });
    expect(first.region.startLine).toBe(json.diagnostics[0].line);
    expect(first.region.startColumn).toBe(json.diagnostics[0].col);
    expect(log.runs[0].properties.ok).toBe(false);
  });

  it('models/shop with stale output (a model outside the working folder: file URIs): valid SARIF', async () => {
    const { dir, cleanup } = tempTree({});
    cleanups.push(cleanup);
    const run = await runCli(['check', SHOP, '--out', 'gen', '--format', 'sarif'], dir);
    const log = JSON.parse(run.stdout);
    expectValidSarif(log);
    const uris: string[] = log.runs[0].results.flatMap((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
    expect(uris.length).toBeGreaterThan(0);
    expect(uris.some((u) => u.startsWith('file:///') && u.endsWith('/models/shop/ordering.yaml'))).toBe(true);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('E_ADR_MISSING');
  });

  it('paths with spaces, related locations and every severity stay valid', () => {
    const d = (severity: Diagnostic['severity'], file: string): Diagnostic => ({ code: `X_${severity.toUpperCase()}`, severity, file, line: 3, col: 2, endLine: 3, endCol: 9, message: 'm', hint: 'h', related: [{ file: path.posix.join('a b', 'c#d.yaml'), line: 1, col: 1 }] });
    const log = diagnosticsToSarif([d('error', 'models/my shop/x.yaml'), d('warning', '/abs/p%q.yaml'), d('info', 'C:\\models\\y.yaml')], { toolVersion: '0.1.0' });
    expectValidSarif(log);
    // The schema does bite: a run without its tool, or a bad level, is refused.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
    const bad = structuredClone(log) as { runs: { results: { level: string }[] }[] };
    bad.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(bad)).toBe(false);
  });
});
