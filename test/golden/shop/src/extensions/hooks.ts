// Yours: created once by stormsmith, never overwritten (regeneration only adds a missing export).
// Your request hooks: authentication, request logging, rate limits. Registered on the Fastify app
// before every generated route (src/http/app.ts), so an onRequest hook here guards the whole API.
import type { FastifyInstance } from 'fastify';
import type { ExtensionContext } from '../http/app.js';

export const registerHooks = async (app: FastifyInstance, context: ExtensionContext): Promise<void> => {
  // Example: a bearer token on every route but /openapi.json.
  // app.addHook('onRequest', async (request, reply) => {
  //   if (request.url === '/openapi.json') return;
  //   if (request.headers.authorization !== `Bearer ${context.config.apiToken}`) {
  //     return reply.code(401).type('application/problem+json').send({ type: 'urn:stormsmith:problem:unauthorized', title: 'Unauthorized', status: 401 });
  //   }
  // });
  void app;
  void context;
};
