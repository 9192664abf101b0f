// Names of messages in the generated code, part of the generation IR
// (docs/adr/0073-generation-ir.md): each event's and command's type, data type, guard, functions
// and modules are computed once per model element and read by every emitter, so that the file
// that declares a name and the files that import it cannot disagree. The casing rules themselves
// are generator/names.ts.

import type { Command, Event } from '../model/types.js';
import { aggregateNames, commandEntryName, dataTypeName, decideFunctionName, evolveFunctionName, guardName, pascalCase, rejectionsTypeName, type AggregateNames } from '../names.js';
import { eventModule, eventStreamType } from './events.js';
import { layout } from './paths.js';

export interface EventNames {
  /** `BookBorrowed`: the Emmett `Event<>` type. */
  type: string;
  /** `BookBorrowedData`: the data type of the current version. */
  data: string;
  /** `isBookBorrowed` */
  guard: string;
  /** `evolveBookBorrowed`: the aggregate's user-owned evolve function. */
  evolve: string;
  /** `onBookBorrowed`: a read model's user-owned handler of the event. */
  on: string;
  /** `documentIdForBookBorrowed`: which document an event without the key field changes. */
  documentIdFor: string;
  /** The module that declares the type (the aggregate's events.ts or the context's external-events.ts). */
  module: string;
  /** The stream type the event is appended under: `lending_loan`. */
  streamType: string;
}

export interface CommandNames {
  /** `BorrowBook`: the Emmett `Command<>` type. */
  type: string;
  /** `BorrowBookData` */
  data: string;
  /** `isBorrowBook` */
  guard: string;
  /** `borrowBook`: the typed entry point in the command handler module. */
  entry: string;
  /** `decideBorrowBook`: the user-owned decision function. */
  decide: string;
  /** `BorrowBookRejections`: the rejections it may raise, as a type. */
  rejections: string;
  /** `borrowBookRejections`: the decider's constant of that type. */
  rejectsConst: string;
  /** The modules of its aggregate that declare or handle it. */
  commandsModule: string;
  handlerModule: string;
  deciderModule: string;
  /** The names of its aggregate (stream name function, decider, ...), possibly in another context. */
  aggregate: AggregateNames;
}

/** `BookBorrowed`: the TypeScript type of a message (event or command) named in the model, also where only a reference is at hand. */
export const messageTypeName = (name: string): string => pascalCase(name);

/** `Money`: the TypeScript type of a value object (declared in its context's values.ts). */
export const valueTypeName = (name: string): string => pascalCase(name);

/** `LoanLimitReached`: the class of a domain rejection (declared in its context's errors.ts). */
export const rejectionClassName = (name: string): string => pascalCase(name);

const events = new WeakMap<Event, EventNames>();
const commands = new WeakMap<Command, CommandNames>();

export function eventNames(event: Event): EventNames {
  let names = events.get(event);
  if (!names) {
    const type = messageTypeName(event.name);
    names = {
      type,
      data: dataTypeName(event.name),
      guard: guardName(event.name),
      evolve: evolveFunctionName(event.name),
      on: `on${type}`,
      documentIdFor: `documentIdFor${type}`,
      module: eventModule(event),
      streamType: eventStreamType(event),
    };
    events.set(event, names);
  }
  return names;
}

export function commandNames(command: Command): CommandNames {
  let names = commands.get(command);
  if (!names) {
    const entry = commandEntryName(command.name);
    names = {
      type: messageTypeName(command.name),
      data: dataTypeName(command.name),
      guard: guardName(command.name),
      entry,
      decide: decideFunctionName(command.name),
      rejections: rejectionsTypeName(command.name),
      rejectsConst: `${entry}Rejections`,
      commandsModule: layout.aggregate(command.context, command.aggregate.name, 'commands'),
      handlerModule: layout.aggregate(command.context, command.aggregate.name, 'command-handler'),
      deciderModule: layout.aggregate(command.context, command.aggregate.name, 'decider'),
      aggregate: aggregateNames(command.aggregate.name),
    };
    commands.set(command, names);
  }
  return names;
}
