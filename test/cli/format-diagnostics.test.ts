import { describe, expect, it } from 'vitest';
import { formatDiagnostics, summary } from '../../generator/diagnostics/format.js';
import type { Diagnostic } from '../../generator/model/types.js';

const error: Diagnostic = {
  code: 'E_DUPLICATE_NAME',
  severity: 'error',
  file: 'ordering.yaml',
  line: 12,
  col: 7,
  endLine: 12,
  endCol: 18,
  message: 'duplicate "OrderPlaced", 100% sure: see\nbelow',
  hint: 'rename one',
  rule: 'duplicate-name',
  related: [{ file: 'ordering.yaml', line: 8, col: 7 }],
};
const warning: Diagnostic = { code: 'W_ACTOR_UNUSED', severity: 'warning', file: 'a,b:c.yaml', line: 1, col: 2, message: 'unused' };
const info: Diagnostic = { code: 'I_HOTSPOT_OPEN', severity: 'info', file: 'x.yaml', line: 3, col: 4, message: 'open question', hint: 'settle it' };
const show = (file: string) => `models/shop/${file}`;

describe('formatDiagnostics', () => {
  it('text: path:line:col: severity[CODE]: message, hint, related places, summary', () => {
    expect(formatDiagnostics([error, warning], 'text', { displayPath: show, filesChecked: 3 })).toBe(
      [
        'models/shop/ordering.yaml:12:7: error[E_DUPLICATE_NAME]: duplicate "OrderPlaced", 100% sure: see\nbelow',
        '  hint: rename one',
        '  see: models/shop/ordering.yaml:8:7',
        'models/shop/a,b:c.yaml:1:2: warning[W_ACTOR_UNUSED]: unused',
        '1 error, 1 warning, 0 infos in 3 files',
        '',
      ].join('\n'),
    );
  });

  it('json: an array with a stable key order and display paths', () => {
    const text = formatDiagnostics([error, info], 'json', { displayPath: show });
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(Object.keys(parsed[0]!)).toEqual(['code', 'severity', 'file', 'line', 'col', 'endLine', 'endCol', 'message', 'hint', 'rule', 'related']);
    expect(parsed[0]!.file).toBe('models/shop/ordering.yaml');
    expect(parsed[0]!.related).toEqual([{ file: 'models/shop/ordering.yaml', line: 8, col: 7 }]);
    expect(parsed[1]).toEqual({ code: 'I_HOTSPOT_OPEN', severity: 'info', file: 'models/shop/x.yaml', line: 3, col: 4, message: 'open question', hint: 'settle it' });
    expect(formatDiagnostics([], 'json')).toBe('[]\n');
  });

  it('github: workflow commands with escaped data and properties; warnings and infos map to ::warning / ::notice', () => {
    const lines = formatDiagnostics([error, warning, info], 'github', { filesChecked: 2 }).split('\n');
    expect(lines[0]).toBe('::error file=ordering.yaml,line=12,col=7,endLine=12,endColumn=18,title=E_DUPLICATE_NAME::duplicate "OrderPlaced", 100%25 sure: see%0Abelow%0Ahint: rename one');
    expect(lines[1]).toBe('::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=W_ACTOR_UNUSED::unused');
    expect(lines[2]).toBe('::notice file=x.yaml,line=3,col=4,title=I_HOTSPOT_OPEN::open question%0Ahint: settle it');
    expect(lines[3]).toBe('1 error, 1 warning, 1 info in 2 files');
  });

  it('summarises a clean run, and can leave the summary out', () => {
    expect(summary([], 1)).toBe('no problems in 1 file');
    expect(formatDiagnostics([], 'text', { filesChecked: 4 })).toBe('no problems in 4 files\n');
    expect(formatDiagnostics([warning], 'text', { summary: false })).toBe('a,b:c.yaml:1:2: warning[W_ACTOR_UNUSED]: unused\n');
  });
});
