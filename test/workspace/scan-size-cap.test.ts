// Issue 19 item 8: the studio's rescan (every 2 s) never reads an oversized .yaml in full; it is
// identified by size and mtime. Small files are still hashed by content.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../app/workspace/content-hash.js';
import { hashFile, SCAN_MAX_BYTES } from '../../app/workspace/scan-models.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stormsmith-scan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('scan size cap', () => {
  it('hashes a model file by content', async () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'x: 1\n');
    expect(await hashFile(path.join(dir, 'a.yaml'))).toBe(contentHash(Buffer.from('x: 1\n')));
  });

  it('identifies a file above the cap without reading it (a sparse 600 MB file)', async () => {
    const big = path.join(dir, 'big.yaml');
    const fd = fs.openSync(big, 'w');
    fs.ftruncateSync(fd, 600 * 1024 * 1024);
    fs.closeSync(fd);
    const hash = await hashFile(big);
    expect(hash).toMatch(/^too-large:629145600:/);
    expect(SCAN_MAX_BYTES).toBe(5 * 1024 * 1024);
  });
});
