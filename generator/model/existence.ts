// Whether an aggregate exists, as the model says it (issue 11): a command marked `creates: true`
// starts an aggregate's life; every other command needs the aggregate to exist. When no command
// of an aggregate is marked, its first command in the file creates it, so that models written
// before the marker keep their meaning (docs/model-format.md, ADR 0032).
//
// The generated decider enforces it with two typed rejections every command may raise besides its
// own `rejects`: `<Aggregate>AlreadyExists` for a creating command on an existing aggregate, and
// `<Aggregate>NotFound` for any other command on an aggregate that does not exist.

import type { BoundedContext, Command, Model } from './types.js';

export const notFoundRejection = (aggregate: string): string => `${aggregate}NotFound`;
export const alreadyExistsRejection = (aggregate: string): string => `${aggregate}AlreadyExists`;

/** The commands of `context` handled by its aggregate `aggregate`, in file order. */
function commandsOf(context: BoundedContext, aggregate: string): Command[] {
  return context.commands
    .filter((c) => c.aggregate.name === aggregate && (c.aggregate.context === undefined || c.aggregate.context === context.name))
    .sort((a, b) => (a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line || a.loc.col - b.loc.col));
}

/** Whether `command` creates its aggregate (marked, or the first of an unmarked aggregate). */
export function createsAggregate(context: BoundedContext, command: Command): boolean {
  const siblings = commandsOf(context, command.aggregate.name);
  if (siblings.some((c) => c.creates === true)) return command.creates === true;
  return siblings[0] === command;
}

/** The existence rejection `command` may raise. */
export function existenceRejection(context: BoundedContext, command: Command): string {
  return createsAggregate(context, command) ? alreadyExistsRejection(command.aggregate.name) : notFoundRejection(command.aggregate.name);
}

/**
 * The model with each command's existence rejection added to its `rejects` (once, positioned at
 * the command), so that every emitter (error classes, rejection types, OpenAPI, tests) sees it as
 * one of the command's rejections. Commands keep their `creates` as resolved here.
 */
export function withExistence(model: Model): Model {
  return {
    ...model,
    contexts: model.contexts.map((context) => ({
      ...context,
      commands: context.commands.map((command) => {
        if (command.aggregate.name === '') return command; // a draft has no aggregate yet
        const creates = createsAggregate(context, command);
        const rejection = existenceRejection(context, command);
        const rejects = command.rejects.some((r) => r.name === rejection) ? command.rejects : [...command.rejects, { name: rejection, loc: command.loc }];
        return { ...command, creates, rejects };
      }),
    })),
  };
}
