// `stormsmith schemas check|release` in-process on a copy of the shop example: the scripted
// evolution of the acceptance criteria, hash-locked releases, and `--against <git-ref>`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/support.js';

let dir: string;
const shop = join(import.meta.dirname, '..', '..', 'models', 'shop');

const run = (...argv: string[]) => runCli(argv, dir);

const ordering = () => join(dir, 'model', 'ordering.yaml');
const read = (p: string) => readFileSync(join(dir, p), 'utf8');
/** 1-based line of the first line containing `needle` after the line containing `after`. */
function lineOf(text: string, needle: string, after: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(after));
  return lines.findIndex((l, i) => i > start && l.includes(needle)) + 1;
}

const CANCELLED_V1 = `  OrderCancelled:
    aggregate: Order
    published: true
    version: 1
    fields:
      orderId: uuid
      reason: enum(customer-request|payment-failed)
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stormsmith-schemas-cli-'));
  cpSync(shop, join(dir, 'model'), { recursive: true });
  expect(read('model/ordering.yaml')).toContain(CANCELLED_V1);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stormsmith schemas', () => {
  it('check passes with no registry yet and says so', async () => {
    const r = await run('schemas', 'check', 'model');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no registry at schemas/registry yet');
  });

  it('release records every current version with its sha256; a second release writes nothing', async () => {
    const r = await run('schemas', 'release', 'model');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('released Ordering.OrderPlaced v2 -> schemas/registry/Ordering/OrderPlaced/v2.json');
    const index = JSON.parse(read('schemas/registry/index.json'));
    expect(index.stormsmith).toBe(1);
    const cancelled = index.events.find((e: { name: string }) => e.name === 'OrderCancelled');
    expect(cancelled).toMatchObject({ context: 'Ordering', versions: [{ version: 1, file: 'Ordering/OrderCancelled/v1.json' }] });
    const bytes = read('schemas/registry/Ordering/OrderCancelled/v1.json');
    const { createHash } = await import('node:crypto');
    expect(cancelled.versions[0].sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const again = await run('schemas', 'release', 'model');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to release');
    expect(read('schemas/registry/index.json')).toBe(JSON.stringify(index, null, 2) + '\n');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'first release');
  });

  it('fails a required field added to a released event, at its position, with a hint; release refuses', async () => {
    const text = readFileSync(ordering(), 'utf8').replace(CANCELLED_V1, `${CANCELLED_V1}      cancelledAt: datetime\n`);
    writeFileSync(ordering(), text);
    const indexBefore = read('schemas/registry/index.json');
    const r = await run('schemas', 'check', 'model');
    expect(r.code).toBe(1);
    const line = lineOf(text, 'cancelledAt: datetime', '  OrderCancelled:');
    expect(r.stdout).toContain(`model/ordering.yaml:${line}:7: error[E_BREAKING]: OrderCancelled v1 is released; required property "cancelledAt" added`);
    expect(r.stdout).toContain('  hint: bump OrderCancelled to version 2 and declare how v1 becomes v2');
    expect(r.stdout).not.toMatch(/\n\s+at /); // no stack trace
    const json = JSON.parse((await run('schemas', 'check', 'model', '--format', 'json')).stdout);
    expect(json.ok).toBe(false);
    expect(json.diagnostics.find((d: { rule?: string }) => d.rule === 'REQUIRED_PROPERTY_ADDED')).toMatchObject({ file: 'model/ordering.yaml', line, col: 7, code: 'E_BREAKING' });
    const release = await run('schemas', 'release', 'model');
    expect(release.code).toBe(1);
    expect(release.stdout).toContain('nothing released');
    expect(read('schemas/registry/index.json')).toBe(indexBefore);
  });

  it('passes after bumping the version and declaring a default; release adds v2 and drafts an ADR', async () => {
    const bumped = `  OrderCancelled:
    aggregate: Order
    published: true
    version: 2
    fields:
      orderId: uuid
      reason: enum(customer-request|payment-failed)
      cancelledAt: datetime
    previousVersions:
      1:
        fields:
          orderId: uuid
          reason: enum(customer-request|payment-failed)
        upcast:
          defaults: { cancelledAt: "1970-01-01T00:00:00Z" }
`;
    writeFileSync(ordering(), readFileSync(ordering(), 'utf8').replace(`${CANCELLED_V1}      cancelledAt: datetime\n`, bumped));
    const r = await run('schemas', 'check', 'model');
    expect(r.stdout).not.toContain('error[');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('info[I_SCHEMA_IMPACT]: OrderCancelled v1 -> v2 (new version)');
    const release = await run('schemas', 'release', 'model');
    expect(release.code).toBe(0);
    expect(release.stdout).toContain('released Ordering.OrderCancelled v2');
    expect(existsSync(join(dir, 'schemas/registry/Ordering/OrderCancelled/v1.json'))).toBe(true);
    expect(JSON.parse(read('schemas/registry/Ordering/OrderCancelled/v2.json')).required).toContain('cancelledAt');
    const adr = read('docs/adr/schema-ordering-order-cancelled-v2.md');
    expect(adr).toContain('# Ordering.OrderCancelled: version 1 to version 2');
    expect(adr).toMatch(/Aggregate Order: rehydrates old streams/);
  });

  it('reports an edited released file (hash differs from the index)', async () => {
    const file = 'schemas/registry/Ordering/OrderShipped/v1.json';
    const original = read(file);
    writeFileSync(join(dir, file), original.replace('"trackingNumber"', '"tracking"'));
    const r = await run('schemas', 'check', 'model');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${file}:1:1: error[E_RELEASED_SCHEMA_MODIFIED]: released schema Ordering.OrderShipped v1 was edited`);
    writeFileSync(join(dir, file), original);
  });

  it('--against <ref> compares with the registry as committed, so a rewritten registry cannot hide a change', async () => {
    // Rewrite history in the working tree: drop the registry, edit released OrderShipped v1 in place, release again.
    git('add', '-A');
    git('commit', '-q', '-m', 'OrderCancelled v2');
    const text = readFileSync(ordering(), 'utf8');
    writeFileSync(ordering(), text.replace('      trackingNumber: string\n\npolicies:', '      trackingNumber: string\n      carrier?: string\n\npolicies:'));
    expect(readFileSync(ordering(), 'utf8')).not.toBe(text);
    rmSync(join(dir, 'schemas'), { recursive: true });
    expect((await run('schemas', 'release', 'model')).code).toBe(0);
    expect((await run('schemas', 'check', 'model')).code).toBe(0);
    const r = await run('schemas', 'check', 'model', '--against', 'HEAD');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('schemas/registry/Ordering/OrderShipped/v1.json:1:1: error[E_RELEASED_SCHEMA_MODIFIED]: released schema Ordering.OrderShipped v1 was changed since HEAD');
    expect(r.stdout).toContain('error[E_RELEASED_SCHEMA_MODIFIED]: OrderShipped v1 is released (HEAD:schemas/registry/Ordering/OrderShipped/v1.json) and cannot change in place');
  });

  it('usage errors exit 2 without a stack trace', async () => {
    expect((await run('schemas')).code).toBe(2);
    expect((await run('schemas', 'bogus')).stderr).toContain('error[E_USAGE]: unknown subcommand "bogus"');
    const badRef = await run('schemas', 'check', 'model', '--against', 'no-such-ref');
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain('error[E_GIT]');
  });
});

function git(...args: string[]) {
  execFileSync('git', ['-c', 'user.email=test@stormsmith.invalid', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
}
