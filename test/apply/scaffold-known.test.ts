// Issue 20 (ADR 0104): a user-owned (scaffold) file whose identity an earlier run recorded with
// the sha256 of its bytes is decided without reading it (decideScaffoldKnown). Whenever that
// shortcut gives a decision, it must be the decision reading the bytes gives (decideScaffold),
// and the file must not have needed parsing: checked over every combination of plan (grown or
// not, following the model while pristine or not, hash known or not), manifest entry and bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../generator/apply/manifest.js';
import { decideScaffold, decideScaffoldKnown, scaffoldNeedsParse } from '../../generator/apply/scaffold.js';
import type { PlannedFile } from '../../generator/plan-types.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const PLANNED = 'export const planned = 1;\n';
const EDITED = 'export const mine = 2;\n';

describe('decideScaffoldKnown', () => {
  it('agrees with decideScaffold whenever it decides, and never for a file that needs parsing', () => {
    const member = (name: string) => ({ name, kind: 'function', text: `export function ${name}() {}` });
    const plans: PlannedFile[] = [];
    for (const grow of [undefined, { members: [member('a')], imports: [] }, { members: [member('a'), member('b')], imports: [] }]) {
      for (const follow of [false, true]) {
        for (const hashed of [false, true]) {
          plans.push({ path: 'src/x.ts', contents: PLANNED, ownership: 'scaffold', sources: ['m.yaml'], ...(grow ? { grow: grow as never } : {}), ...(follow ? { followWhilePristine: true } : {}), ...(hashed ? { sha256: sha(PLANNED) } : {}) });
        }
      }
    }
    const entries: (ManifestEntry | undefined)[] = [undefined];
    for (const ownership of ['scaffold', 'generated'] as const) {
      for (const text of [PLANNED, EDITED, 'old\n']) {
        for (const members of [undefined, ['a'], ['a', 'b']]) entries.push({ ownership, sha256: sha(text), sources: ['m.yaml'], ...(members ? { members } : {}) });
      }
    }
    let decided = 0;
    for (const planned of plans) {
      for (const entry of entries) {
        for (const disk of [PLANNED, EDITED, 'old\n']) {
          const known = decideScaffoldKnown(planned, sha(disk), entry);
          if (!known) continue;
          decided++;
          const bytes = Buffer.from(disk);
          expect(scaffoldNeedsParse(planned, bytes, entry)).toBe(false);
          for (const wantDiff of [false, true]) expect(known).toEqual(decideScaffold(planned, bytes, entry, undefined, { forced: false, wantDiff }));
        }
      }
    }
    expect(decided).toBeGreaterThan(50);
  });
});
