// Names the generator derives from model names: identifiers, file and folder names, stream
// and collection names. One place, so that every emitter agrees on them.
//
// Model names are already validated identifiers (ASCII letters, digits, `_`), so these
// functions only change case; they never escape. Casing uses explicit ASCII rules, never
// `toLowerCase()`/`toUpperCase()` on whole words with locale rules (Turkish dotless i), so the
// output is the same under every locale.

const ASCII_UPPER = /[A-Z]/;

const lowerAscii = (text: string): string => text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
const upperAscii = (text: string): string => text.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));

/** Splits `BookBorrowed`, `book_borrowed`, `HTTPServer2Go` into words. */
export function words(name: string): string[] {
  const parts: string[] = [];
  for (const chunk of name.split(/[^A-Za-z0-9]+/)) {
    if (chunk === '') continue;
    // Boundaries: lower->Upper, and the last capital of an acronym before a lower-case letter.
    const split = chunk.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
    parts.push(...split.split(' ').filter((w) => w !== ''));
  }
  return parts;
}

/**
 * Casing is asked for the same few thousand names again and again (every file of a 500-aggregate
 * plan names its aggregate, context and events; kebabCase alone was 6% of a one-aggregate
 * regeneration): each function remembers its answers. Bounded, for a long-lived studio process.
 */
function memo(fn: (name: string) => string): (name: string) => string {
  const seen = new Map<string, string>();
  return (name) => {
    let out = seen.get(name);
    if (out === undefined) {
      if (seen.size >= 100_000) seen.clear();
      seen.set(name, (out = fn(name)));
    }
    return out;
  };
}

/** `book borrowed` -> `BookBorrowed`; already-Pascal names are kept as written. */
export const pascalCase = memo(function pascalCase(name: string): string {
  return words(name)
    .map((w) => upperAscii(w.charAt(0)) + w.slice(1))
    .join('');
});

/** `BookBorrowed` -> `bookBorrowed`; a leading acronym is lowered whole (`HTTPCall` -> `httpCall`). */
export const camelCase = memo(function camelCase(name: string): string {
  const [first = '', ...rest] = words(name);
  const head = ASCII_UPPER.test(first.charAt(1)) ? lowerAscii(first) : lowerAscii(first.charAt(0)) + first.slice(1);
  return head + rest.map((w) => upperAscii(w.charAt(0)) + w.slice(1)).join('');
});

/** `ActiveLoansByMember` -> `active_loans_by_member` (collection names, stream types, SQL). */
export const snakeCase = memo(function snakeCase(name: string): string {
  return words(name).map(lowerAscii).join('_');
});

/** `ActiveLoansByMember` -> `active-loans-by-member` (file and folder names, package names). */
export const kebabCase = memo(function kebabCase(name: string): string {
  return words(name).map(lowerAscii).join('-');
});

/** Names that belong to one aggregate, used by several emitters. */
export interface AggregateNames {
  /** `Loan` */
  type: string;
  /** `LoanState` */
  state: string;
  /** `LoanEvent` */
  eventUnion: string;
  /** `LoanCommand` */
  commandUnion: string;
  /** `LoanLifecycle`: the decider's state, whether the aggregate exists (and its state if so). */
  lifecycle: string;
  /** `loanDecider` */
  decider: string;
  /** `toLoanStreamName` */
  streamName: string;
  /** `loan`: the stream type, the part of the stream name before the first `-`. */
  streamType: string;
  /** `handleLoan` */
  handler: string;
  /** `loan`: the aggregate's folder under its context. */
  folder: string;
  /** `loanEventTypes`: every event type name of the aggregate (canHandle lists, upcasters). */
  eventTypes: string;
}

export function aggregateNames(aggregate: string): AggregateNames {
  const type = pascalCase(aggregate);
  return {
    type,
    state: `${type}State`,
    eventUnion: `${type}Event`,
    commandUnion: `${type}Command`,
    lifecycle: `${type}Lifecycle`,
    decider: `${camelCase(aggregate)}Decider`,
    streamName: `to${type}StreamName`,
    streamType: snakeCase(aggregate),
    handler: `handle${type}`,
    folder: kebabCase(aggregate),
    // The type with its first letter lowered (not camelCase: `HTTPCall` gives `hTTPCallEventTypes`).
    eventTypes: `${type.charAt(0).toLowerCase()}${type.slice(1)}EventTypes`,
  };
}

/** `Lending` -> `lending`: the context's folder under `src/` and `test/`. */
export const contextFolder = (context: string): string => kebabCase(context);

/** Data type of a message, compiled from its JSON Schema: `BookBorrowedData`, `BookBorrowedV1Data`. */
export const dataTypeName = (message: string, version?: number): string =>
  version === undefined ? `${pascalCase(message)}Data` : `${pascalCase(message)}V${version}Data`;

/** User-owned decision function for a command: `decideBorrowBook`. */
export const decideFunctionName = (command: string): string => `decide${pascalCase(command)}`;

/** User-owned evolve function for an event: `evolveBookBorrowed`. */
export const evolveFunctionName = (event: string): string => `evolve${pascalCase(event)}`;

/** Typed per-command entry point: `borrowBook(eventStore, command)`. */
export const commandEntryName = (command: string): string => camelCase(command);

/** Type guard of a message: `isBookBorrowed`. */
export const guardName = (message: string): string => `is${pascalCase(message)}`;

/** Rejections a command may raise, as a typed object: `BorrowBookRejections`. */
export const rejectionsTypeName = (command: string): string => `${pascalCase(command)}Rejections`;

/** Read-model document type and its functions. */
export interface ProjectionNames {
  /** `ActiveLoansByMember` (document type) */
  document: string;
  /** `evolveActiveLoansByMember` (user-owned, pure) */
  evolve: string;
  /** `activeLoansByMemberProjection` (PostgreSQL, Pongo) */
  postgres: string;
  /** `activeLoansByMemberInMemoryProjection` */
  inMemory: string;
  /** `active_loans_by_member` */
  collection: string;
  /** `active-loans-by-member` (file stem) */
  file: string;
  /** `lending:active-loans-by-member` (consumer processor id for async projections) */
  processorId: string;
  /** `ActiveLoansByMemberEvent`: the union of the events it is fed by. */
  eventUnion: string;
  /** `activeLoansByMemberEventTypes`: their type names (canHandle). */
  eventTypes: string;
  /** `activeLoansByMemberLiveCollection`: the collection of the live version (blue/green). */
  liveCollection: string;
}

export function projectionNames(context: string, projection: string): ProjectionNames {
  const type = pascalCase(projection);
  const camel = camelCase(projection);
  return {
    document: type,
    evolve: `evolve${type}`,
    postgres: `${camel}Projection`,
    inMemory: `${camel}InMemoryProjection`,
    collection: snakeCase(projection),
    file: kebabCase(projection),
    processorId: `${kebabCase(context)}:${kebabCase(projection)}`,
    eventUnion: `${type}Event`,
    eventTypes: `${camel}EventTypes`,
    liveCollection: `${camel}LiveCollection`,
  };
}

export interface PolicyNames {
  /** `whenRemindWhenDue` (user-owned: event -> commands) */
  decide: string;
  /** `remindWhenDueReactor` */
  reactor: string;
  /** `remind-when-due` */
  file: string;
  /** `lending:remind-when-due` */
  processorId: string;
  /** `RemindWhenDue` */
  type: string;
  /** `remindWhenDuePreview`: the commands the reactor would issue for an event (tests). */
  preview: string;
  /** `registerRemindWhenDue`: registers the reactor on a consumer. */
  register: string;
  /** `RemindWhenDueEvent`: the union of the events it reacts to. */
  eventUnion: string;
  /** `remindWhenDueEventTypes`: their type names (canHandle). */
  eventTypes: string;
}

export function policyNames(context: string, policy: string): PolicyNames {
  const type = pascalCase(policy);
  return {
    decide: `react${type}`,
    reactor: `${camelCase(policy)}Reactor`,
    file: kebabCase(policy),
    processorId: `${kebabCase(context)}:${kebabCase(policy)}`,
    type,
    preview: `${camelCase(policy)}Preview`,
    register: `register${type}`,
    eventUnion: `${type}Event`,
    eventTypes: `${camelCase(policy)}EventTypes`,
  };
}

export interface OutboundNames {
  /** `PaymentGatewayPort`: what the service tells the system (one method per consumed event). */
  port: string;
  /** `PaymentGatewayConsumed`: the union of the events the system consumes. */
  union: string;
  /** `paymentGatewayOutbound`: the reactor that calls the port for one event. */
  reactor: string;
  /** `registerPaymentGatewayOutbound` */
  register: string;
  /** `payment-gateway` */
  file: string;
  /** `payments:payment-gateway` */
  processorId: string;
}

/** Names of an external system's outbound integration (docs/adr/0097). */
export function outboundNames(context: string, system: string): OutboundNames {
  const type = pascalCase(system);
  return {
    port: `${type}Port`,
    union: `${type}Consumed`,
    reactor: `${camelCase(system)}Outbound`,
    register: `register${type}Outbound`,
    file: kebabCase(system),
    processorId: `${kebabCase(context)}:${kebabCase(system)}`,
  };
}

/** The port method an event reaches the system through: `onPaymentRequested`. */
export const outboundMethod = (event: string): string => `on${pascalCase(event)}`;

/** Locale-independent string order (UTF-16 code units), used wherever the generator sorts. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
