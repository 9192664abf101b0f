// Big-picture drafts (issue 14). An event-storming workshop starts with orange events only; who
// records them and which aggregate handles a command are settled later. The format lets those
// elements be written down before they are settled:
//   - an event with neither `aggregate` nor `source` (no aggregate records it, no external
//     system delivers it yet),
//   - a command without `aggregate` (no aggregate handles it yet; a command without an actor is
//     not a draft: policies issue commands too).
// The validator reports each draft as a warning (W_DRAFT) with what to settle; `generate` names
// them and writes nothing until they are settled (E_DRAFTS). A draft-free model that validates
// generates. Pure: no I/O.

import type { Command, Diagnostic, Event, Model, SourceSpan } from './types.js';

export interface Draft {
  kind: 'event' | 'command';
  name: string;
  context: string;
  loc: SourceSpan;
  /** What must be settled, in words. */
  missing: string;
  /** How to settle it on the canvas and in YAML. */
  hint: string;
}

/** A command's aggregate is not settled yet (the loader reads a missing `aggregate` as ''). */
export const isDraftCommand = (c: Command): boolean => c.aggregate.name === '';

export const isDraftEvent = (e: Event): boolean => !e.aggregate && !e.source;

export function draftsOf(model: Model): Draft[] {
  const out: Draft[] = [];
  for (const c of model.contexts) {
    for (const e of c.events) {
      if (!isDraftEvent(e)) continue;
      out.push({
        kind: 'event',
        name: e.name,
        context: c.name,
        loc: e.loc,
        missing: 'no aggregate records it and no external system delivers it',
        hint: `draw aggregate → ${e.name} (records) or external system → ${e.name} (delivers) on the canvas, or add \`aggregate: <Aggregate>\` or \`source: <ExternalSystem>\``,
      });
    }
    for (const cmd of c.commands) {
      if (!isDraftCommand(cmd)) continue;
      out.push({
        kind: 'command',
        name: cmd.name,
        context: c.name,
        loc: cmd.loc,
        missing: 'no aggregate handles it',
        hint: `draw ${cmd.name} → aggregate (handled by) on the canvas, or add \`aggregate: <Aggregate>\``,
      });
    }
  }
  return out;
}

/**
 * Why generation refuses a model with drafts: one error that names every draft (so a workshop
 * knows what to settle), at the first draft's position.
 */
export function draftsRefusal(found: readonly Draft[], displayFile: (file: string) => string = (f) => f): Diagnostic | undefined {
  // In file order, like every other list of diagnostics.
  const drafts = [...found].sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line || a.loc.col - b.loc.col));
  const first = drafts[0];
  if (!first) return undefined;
  const list = drafts.map((d) => `${d.kind} ${d.context}.${d.name} (${d.missing})`).join('; ');
  return {
    code: 'E_DRAFTS',
    severity: 'error',
    file: displayFile(first.loc.file),
    line: first.loc.line,
    col: first.loc.col,
    message: `not generated: ${drafts.length} draft${drafts.length === 1 ? '' : 's'} must be settled first: ${list}`,
    hint: 'a draft is fine while modelling; settle it (see the W_DRAFT warnings), then generate again. Nothing was written.',
    ...(drafts.length > 1 ? { related: drafts.slice(1).map((d) => ({ file: displayFile(d.loc.file), line: d.loc.line, col: d.loc.col })) } : {}),
  };
}
