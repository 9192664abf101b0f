// Every example model doubles as a fixture: it loads without structural problems, saving it
// unchanged gives the same bytes, and its canonical form reads back as the same model.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadModel, serializeContext, serializeLayout } from '../../../generator/model/index.js';
import { withoutPositions } from './strip.js';

const root = fileURLToPath(new URL('../../../models/', import.meta.url));
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));

const examples = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory());

describe.each(examples.map((e) => e.name))('models/%s', (name) => {
  const dir = join(root, name);
  const files = yamlFiles(dir).map((p) => ({ path: p.slice(dir.length + 1), text: readFileSync(p, 'utf8') }));
  const result = loadModel(files);

  it('loads without structural problems', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.model!.contexts.length).toBeGreaterThan(0);
  });

  it('saves unchanged files byte for byte', () => {
    for (const ctx of result.model!.contexts) {
      const text = files.find((f) => f.path === ctx.file)!.text;
      expect(serializeContext(ctx, text)).toBe(text);
    }
    for (const [domainFile, layout] of Object.entries(result.model!.layouts)) {
      const text = files.find((f) => f.path === domainFile.replace(/\.yaml$/, '.layout.yaml'))!.text;
      expect(serializeLayout(layout, text)).toBe(text);
    }
  });

  it('its canonical form reads back as the same model', () => {
    for (const ctx of result.model!.contexts) {
      const again = loadModel([{ path: ctx.file, text: serializeContext(ctx) }]);
      expect(again.diagnostics).toEqual([]);
      expect(withoutPositions(again.model!.contexts[0])).toEqual(withoutPositions(ctx));
    }
  });
});
