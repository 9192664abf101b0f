// Yours: created once by stormsmith, never overwritten (regeneration only adds a missing export).
// Your routes, beside the generated ones (src/http/app.ts): queries, webhooks, anything the model does not say.
import type { FastifyInstance } from 'fastify';
import type { ExtensionContext } from '../http/app.js';

export const registerRoutes = async (app: FastifyInstance, context: ExtensionContext): Promise<void> => {
  // Example: app.get('/version', async () => ({ version: process.env.npm_package_version }));
  // context.service has the event store and the command handlers (src/composition-root.ts).
  void app;
  void context;
};
