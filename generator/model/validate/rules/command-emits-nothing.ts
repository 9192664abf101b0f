// A command that records no event changes nothing in an event-sourced system: its decide function
// would have no return type. Usually the `emits` list was forgotten.
import { isDraftCommand } from '../../drafts.js';
import { report, type Rule } from '../rule.js';

export const commandEmitsNothing: Rule = {
  id: 'command-emits-nothing',
  code: 'E_COMMAND_EMITS_NOTHING',
  severity: 'error',
  description: 'Every command emits at least one event.',
  check(model) {
    return model.contexts.flatMap((c) =>
      c.commands
        // A draft command (no aggregate yet) is one warning, W_DRAFT, until it is settled.
        .filter((command) => command.emits.length === 0 && !isDraftCommand(command))
        .map((command) =>
          report(this, {
            at: command.loc,
            message: `command ${command.name} emits no event`,
            hint: `add \`emits: [...]\` with the event(s) that record what ${command.name} changed; a command that only checks something is a query, not a command`,
          }),
        ),
    );
  },
};
