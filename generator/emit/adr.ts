// ADR draft per bounded context, rendered from a handlebars template (templates/adr/, users
// override it from their repo). Handlebars runs in strict mode (a missing field is an error,
// not an empty string) with `noEscape`: its HTML escaping is wrong for Markdown, so every free
// text is escaped for Markdown here, before it reaches the template.

import Handlebars from 'handlebars';
import type { PlannedFile } from '../plan-types.js';
import { compareCodeUnits } from '../names.js';
import type { ContextFacts } from '../ir/context.js';
import { contextFlowDiagram } from '../diagrams/mermaid.js';
import { layout } from '../ir/paths.js';
import { md } from './markdown.js';
import type { TemplateMap } from './templates.js';
import { projectionFacts } from '../ir/projection.js';
import { opsFacts } from '../ir/ops.js';

export { md } from './markdown.js';

export const ADR_TEMPLATE = 'adr/context.md.hbs';

/** A Markdown link target (file path): spaces and parentheses percent-encoded. */
const linkTarget = (path: string): string => encodeURI(path).replace(/\(/g, '%28').replace(/\)/g, '%29');

const compiled = new Map<string, Handlebars.TemplateDelegate>();

function template(source: string): Handlebars.TemplateDelegate {
  let t = compiled.get(source);
  if (!t) {
    t = Handlebars.create().compile(source, { strict: true, noEscape: true });
    compiled.set(source, t);
  }
  return t;
}

export function adrView(facts: ContextFacts, modelRoot: string | null) {
  const c = facts.context;
  // No link to a model outside the repository (modelRoot null): the template then names the file.
  const modelLink = modelRoot === null ? '' : linkTarget(`../../${modelRoot === '' ? '' : `${modelRoot}/`}${c.file}`);
  const lineLink = (line: number) => (modelLink === '' ? '' : `${modelLink}#L${line}`);
  const list = (names: string[]) => (names.length === 0 ? '-' : names.map(md).join(', '));
  return {
    title: md(`${c.name}: architecture of the bounded context`),
    context: md(c.name),
    folder: facts.names.folder,
    description: md(c.description),
    modelFile: md(c.file),
    modelLink,
    // Mermaid flowchart (GitHub renders it): built from this context's file only.
    flowDiagram: contextFlowDiagram(c),
    aggregates: facts.aggregates.map((a) => ({
      name: md(a.aggregate.name),
      identity: md(a.aggregate.identity),
      streamType: a.streamType,
      description: md(a.aggregate.description),
      invariants: a.aggregate.invariants.map((i) => ({ text: md(i.text), at: md(`${i.loc.file}:${i.loc.line}`), link: lineLink(i.loc.line) })),
    })),
    commands: [...facts.commandsByName.values()].map((cmd) => ({
      name: md(cmd.name),
      aggregate: md(cmd.aggregate.name),
      actor: cmd.actor ? md(cmd.actor.name) : '-',
      emits: list(cmd.emits.map((e) => e.name)),
      rejects: list(cmd.rejects.map((r) => r.name)),
    })),
    events: [...facts.eventsByName.values()].map((e) => ({
      name: md(e.name),
      version: String(e.version),
      source: md(e.aggregate?.name ?? e.source?.name ?? '-'),
      published: e.published ? 'yes' : 'no',
    })),
    eventStore: {
      choice: md(c.architecture.eventStore?.choice ?? 'emmett-postgresql'),
      why: md(c.architecture.eventStore?.why ?? 'not recorded in the model yet'),
    },
    projections: facts.projections.map((p) => {
      const pf = projectionFacts(facts, p);
      return {
        name: md(p.name),
        from: list(p.from.map((f) => f.name)),
        key: md(p.key),
        runs: pf.inline ? 'inline' : 'async',
        consistency: md(p.consistency),
        lagTarget: p.lagTarget !== undefined ? md(p.lagTarget) : pf.inline ? 'none (same transaction)' : 'not set',
      };
    }),
    slas: c.architecture.slas.map((s) => ({ name: md(s.name), target: md(s.target), why: md(s.why) })),
    retry: c.architecture.retry
      ? md(`${c.architecture.retry.attempts} attempts${c.architecture.retry.backoff ? ` with ${c.architecture.retry.backoff} backoff` : ''}`)
      : '3 attempts with exponential backoff (default)',
    policies: facts.policies.map((p) => ({ name: md(p.name), on: list(p.on.map((o) => o.name)), issues: list(p.issues.map((i) => i.name)) })),
    hotspots: [...c.hotspots]
      .sort((a, b) => compareCodeUnits(a.name, b.name))
      .map((h) => ({ title: md(h.name), about: h.about.length > 0 ? list(h.about.map((a) => a.name)) : '', description: md(h.description) })),
    decisions: c.architecture.decisions.map((d) => ({ title: md(d.title), text: md(d.text) })),
    // Snapshots, retry delays, lag targets and the ops entry points (generator/emit/ops).
    operations: opsAdrView(facts),
  };
}

export function adrFile(facts: ContextFacts, templates: TemplateMap, modelRoot: string | null = 'models'): PlannedFile {
  const source = templates[ADR_TEMPLATE];
  if (source === undefined) throw new Error(`template ${ADR_TEMPLATE} is missing (pass loadTemplates() as options.templates)`);
  const contents = template(source)(adrView(facts, modelRoot)).replace(/\n{3,}/g, '\n\n');
  return { path: layout.adr(facts.context.name), contents, ownership: 'scaffold', sources: [facts.context.file] };
}

// What the ADR's "Operations" section reports for one context: snapshot intervals of its
// long-lived aggregates, its processors' retry policy (attempts and the delays they mean) and
// lag targets, and the operations entry points.

const delays = (b: { initialDelayMs: number; factor: number; maxDelayMs: number }, attempts: number): string => {
  if (attempts <= 1) return 'no retry';
  const list: number[] = [];
  for (let retry = 1; retry < attempts; retry++) list.push(Math.min(b.maxDelayMs, Math.round(b.initialDelayMs * b.factor ** (retry - 1))));
  return `${list.map((ms) => `${ms} ms`).join(', ')} between attempts`;
};

function opsAdrView(facts: ContextFacts) {
  const ops = opsFacts([facts]);
  return {
    snapshots: ops.longLived.map((a) => ({ aggregate: md(a.aggregate.name), every: String(a.every), streamType: a.streamType })),
    processors: ops.processors.map((p) => ({
      name: md(p.key),
      kind: p.kind,
      processorId: md(p.processorId),
      attempts: String(p.retry.attempts),
      delays: delays(p.retry.backoff, p.retry.attempts),
      lagTarget: p.lagTarget === undefined ? 'not set' : md(p.lagTarget),
    })),
  };
}
