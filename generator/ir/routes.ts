// The route table of the generated HTTP API, computed once from the model and shared by the app,
// the OpenAPI document and the generated API tests (docs/adr/0060-http-route-scheme.md):
//
//   POST /<context>/<aggregate>/{<identity>}/<command>   a command (body: its data)
//   GET  /<context>/<aggregate>/{<identity>}             the aggregate's state, ETag = stream version
//   GET  /<context>/projections/<projection>/{<key>}     one document of a read model
//   GET  /<context>/projections/<projection>             a page of documents (cursor, limit, key filter)
//
// Segments are the model names in kebab case, never pluralised (no English inflection rules).

import type { Command, Projection } from '../model/types.js';
import { aggregateNames, camelCase, commandEntryName, contextFolder, kebabCase, pascalCase, projectionNames } from '../names.js';
import type { AggregateFacts, ContextFacts } from './context.js';
import { oncePer } from './once.js';
import { layout } from './paths.js';

export interface CommandRoute {
  facts: ContextFacts;
  agg: AggregateFacts;
  command: Command;
  /** `Lending.BorrowBook`: the key of the command's schema and validator in src/validation.ts. */
  key: string;
  /** `/lending/loan/{loanId}/borrow-book` (OpenAPI form). */
  path: string;
  /** `/lending/loan/:loanId/borrow-book` (Fastify form). */
  fastifyPath: string;
  /** `/lending/loan`: the aggregate's path, before the identity. */
  aggregatePath: string;
  /** `borrow-book`: the command's segment, after the identity. */
  segment: string;
  identity: string;
  /** The command's data carries the identity (then the path fills it in). */
  hasIdentity: boolean;
  /** `lendingBorrowBook`: the handler function's alias in src/http/app.ts. */
  alias: string;
  /** `lending.BorrowBook`-style operationId: `lendingLoanBorrowBook`. */
  operationId: string;
  handlerModule: string;
  commandsModule: string;
}

export interface AggregateRoute {
  facts: ContextFacts;
  agg: AggregateFacts;
  path: string;
  fastifyPath: string;
  identity: string;
  operationId: string;
  deciderModule: string;
  alias: string;
}

export interface ProjectionRoute {
  facts: ContextFacts;
  projection: Projection;
  /** `/lending/projections/active-loans-by-member` */
  listPath: string;
  itemPath: string;
  fastifyItemPath: string;
  key: string;
  module: string;
  /** `lendingActiveLoansByMemberLiveCollection` */
  liveAlias: string;
  liveName: string;
  operationId: string;
  /** `listLendingActiveLoansByMember`, `getLendingActiveLoansByMember`: the OpenAPI operations. */
  listOperationId: string;
  getOperationId: string;
  /** `Lending.ActiveLoansByMember`: the document's schema in the OpenAPI components. */
  schemaName: string;
}

export const commandKey = (context: string, command: string): string => `${pascalCase(context)}.${pascalCase(command)}`;

/** Every command's route, computed once per plan (ir/once.ts). */
export const commandRoutes = oncePer((all: readonly ContextFacts[]): readonly CommandRoute[] => computeCommandRoutes(all));

function computeCommandRoutes(all: readonly ContextFacts[]): CommandRoute[] {
  return all.flatMap((facts) =>
    facts.aggregates.flatMap((agg) =>
      agg.commands.map((command): CommandRoute => {
        const identity = agg.aggregate.identity;
        const base = `/${contextFolder(facts.context.name)}/${kebabCase(agg.aggregate.name)}`;
        return {
          facts,
          agg,
          command,
          key: commandKey(facts.context.name, command.name),
          path: `${base}/{${identity}}/${kebabCase(command.name)}`,
          fastifyPath: `${base}/:${identity}/${kebabCase(command.name)}`,
          aggregatePath: base,
          segment: kebabCase(command.name),
          identity,
          hasIdentity: command.fields.some((f) => f.name === identity && !f.optional),
          alias: `${camelCase(facts.context.name)}${pascalCase(commandEntryName(command.name))}`,
          operationId: `${camelCase(facts.context.name)}${pascalCase(agg.aggregate.name)}${pascalCase(command.name)}`,
          handlerModule: layout.aggregate(facts.context.name, agg.aggregate.name, 'command-handler'),
          commandsModule: layout.aggregate(facts.context.name, agg.aggregate.name, 'commands'),
        };
      }),
    ),
  );
}

/** Every aggregate's state route, computed once per plan. */
export const aggregateRoutes = oncePer((all: readonly ContextFacts[]): readonly AggregateRoute[] => computeAggregateRoutes(all));

function computeAggregateRoutes(all: readonly ContextFacts[]): AggregateRoute[] {
  return all.flatMap((facts) =>
    facts.aggregates
      .filter((agg) => agg.commands.length > 0)
      .map((agg): AggregateRoute => {
        const identity = agg.aggregate.identity;
        const base = `/${contextFolder(facts.context.name)}/${kebabCase(agg.aggregate.name)}`;
        return {
          facts,
          agg,
          path: `${base}/{${identity}}`,
          fastifyPath: `${base}/:${identity}`,
          identity,
          operationId: `${camelCase(facts.context.name)}Get${pascalCase(agg.aggregate.name)}`,
          deciderModule: layout.aggregate(facts.context.name, agg.aggregate.name, 'decider'),
          alias: `${camelCase(facts.context.name)}${pascalCase(aggregateNames(agg.aggregate.name).type)}`,
        };
      }),
  );
}

/** Every read model's routes, computed once per plan. */
export const projectionRoutes = oncePer((all: readonly ContextFacts[]): readonly ProjectionRoute[] => computeProjectionRoutes(all));

function computeProjectionRoutes(all: readonly ContextFacts[]): ProjectionRoute[] {
  return all.flatMap((facts) =>
    facts.projections.map((projection): ProjectionRoute => {
      const names = projectionNames(facts.context.name, projection.name);
      const listPath = `/${contextFolder(facts.context.name)}/projections/${names.file}`;
      const liveName = `${camelCase(projection.name)}LiveCollection`;
      return {
        facts,
        projection,
        listPath,
        itemPath: `${listPath}/{${projection.key}}`,
        fastifyItemPath: `${listPath}/:${projection.key}`,
        key: projection.key,
        module: layout.projection(facts.context.name, projection.name),
        liveName,
        liveAlias: `${camelCase(facts.context.name)}${pascalCase(liveName)}`,
        operationId: `${camelCase(facts.context.name)}${pascalCase(projection.name)}`,
        listOperationId: `list${pascalCase(`${camelCase(facts.context.name)}${pascalCase(projection.name)}`)}`,
        getOperationId: `get${pascalCase(`${camelCase(facts.context.name)}${pascalCase(projection.name)}`)}`,
        schemaName: `${pascalCase(facts.context.name)}.${pascalCase(projection.name)}`,
      };
    }),
  );
}
