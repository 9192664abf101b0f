// Issue 19 item 5: template overrides come from the repository. A link (to /dev/zero, to a
// secret), a FIFO or an oversized file is refused with a diagnostic naming the file; nothing
// behind a link is read.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../generator/emit/templates.js';
import { ModelReadError } from '../../generator/io/read-model.js';
import { TEMPLATE_MAX_BYTES } from '../../generator/io/read-overrides.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const overrides = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stormsmith-overrides-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'adr'));
  return dir;
};

const refusal = (dir: string): ModelReadError => {
  try {
    loadTemplates({ overridesDir: dir });
  } catch (error) {
    if (error instanceof ModelReadError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('hostile template overrides', () => {
  it('reads a plain override', () => {
    const dir = overrides();
    fs.writeFileSync(path.join(dir, 'adr/context.md.hbs'), '# {{name}}\n');
    expect(loadTemplates({ overridesDir: dir })['adr/context.md.hbs']).toBe('# {{name}}\n');
  });

  it('a link to /dev/zero is refused by name, never read', () => {
    const dir = overrides();
    fs.symlinkSync('/dev/zero', path.join(dir, 'adr/context.md.hbs'));
    expect(refusal(dir).diagnostic).toMatchObject({ code: 'E_TEMPLATE_UNSAFE', file: path.join(dir, 'adr/context.md.hbs') });
  });

  it('a link to a secret is refused without echoing it', () => {
    const dir = overrides();
    const secret = path.join(overrides(), 'secret');
    fs.writeFileSync(secret, 'ghp_SECRETSECRET');
    fs.symlinkSync(secret, path.join(dir, 'adr/context.md.hbs'));
    expect(JSON.stringify(refusal(dir).diagnostic)).not.toContain('ghp_');
  });

  it('a linked override folder is refused', () => {
    const dir = overrides();
    fs.symlinkSync(path.join(dir, 'adr'), path.join(dir, 'linked'));
    expect(refusal(dir).diagnostic.code).toBe('E_TEMPLATE_UNSAFE');
  });

  it('a FIFO is refused, not waited on', () => {
    const dir = overrides();
    execFileSync('mkfifo', [path.join(dir, 'adr/context.md.hbs')]);
    expect(refusal(dir).diagnostic.code).toBe('E_TEMPLATE_UNSAFE');
  });

  it('an oversized override is refused', () => {
    const dir = overrides();
    fs.writeFileSync(path.join(dir, 'adr/context.md.hbs'), 'x'.repeat(TEMPLATE_MAX_BYTES + 1));
    expect(refusal(dir).diagnostic).toMatchObject({ code: 'E_TEMPLATE_TOO_LARGE', file: path.join(dir, 'adr/context.md.hbs') });
  });
});
