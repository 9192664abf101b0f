import { describe, expect, it } from 'vitest';
import { connectionMeaning } from '../../app/renderer/model/grammar.js';

describe('connection grammar', () => {
  it.each([
    ['actor', 'command', 'actor'],
    ['command', 'aggregate', 'aggregate'],
    ['command', 'event', 'emits'],
    ['aggregate', 'event', 'owns'],
    ['event', 'policy', 'on'],
    ['policy', 'command', 'issues'],
    ['event', 'projection', 'from'],
    ['externalSystem', 'event', 'delivers'],
    ['event', 'externalSystem', 'consumes'],
    ['projection', 'actor', 'reads'],
    ['projection', 'policy', 'reads'],
    ['hotspot', 'aggregate', 'about'],
  ] as const)('%s -> %s means %s', (from, to, relation) => {
    expect(connectionMeaning(from, to)).toEqual({ ok: true, relation });
  });

  it('refuses event -> command and says what belongs in between', () => {
    const v = connectionMeaning('event', 'command');
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(/policy/);
  });

  it('refuses an unknown pair with the list of what is allowed', () => {
    const v = connectionMeaning('projection', 'projection');
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/cannot lead to|Nothing flows/) as unknown as string });
    const fromCommand = connectionMeaning('command', 'actor');
    expect(!fromCommand.ok && fromCommand.reason).toContain('aggregate, domain event');
  });
});
