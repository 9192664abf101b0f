// The user-owned extension points of a generated service (src/extensions/): created once, then
// only grown (a missing export is added back, nothing written by the user is changed). The
// generated src/main.ts and src/http/app.ts call them, so a user adds configuration, an
// authentication check, routes or wiring without editing a do-not-edit file (no E_HAND_EDITED).

import type { PlannedFile, ScaffoldMember } from '../../plan-types.js';
import { importPath } from '../code.js';
import { httpLayout } from '../../ir/paths.js';

const yours = (what: string) =>
  `// Yours: created once by stormsmith, never overwritten (regeneration only adds a missing export).\n// ${what}\n`;

function scaffold(path: string, header: string, imports: string, members: ScaffoldMember[], sources: string[]): PlannedFile {
  const contents = header + imports + '\n' + members.map((m) => `${m.text}\n`).join('\n');
  return { path, contents, ownership: 'scaffold', sources, grow: { members, imports: [] } };
}

export function extensionFiles(sources: string[]): PlannedFile[] {
  const app = (from: string) => importPath(from, httpLayout.app);
  return [
    scaffold(
      httpLayout.extensionConfig,
      yours('Your configuration: read your own environment variables here. src/main.ts calls loadAppConfig at start,\n// after the generated settings (src/settings.ts); report each bad value with fail() and the service\n// exits with every error listed. The result reaches your hooks, routes and wiring as context.config.'),
      '',
      [
        {
          name: 'AppConfig',
          text:
            `/** Your settings (e.g. an API token for src/extensions/hooks.ts). */\n` +
            `export type AppConfig = {\n` +
            `  // apiToken?: string;\n` +
            `};`,
        },
        {
          name: 'loadAppConfig',
          text:
            `export const loadAppConfig = (env: Readonly<Record<string, string | undefined>>, fail: (variable: string, message: string, hint: string) => void): AppConfig => {\n` +
            `  // Example:\n` +
            `  // const apiToken = env.API_TOKEN;\n` +
            `  // if (apiToken !== undefined && apiToken.length < 16) fail('API_TOKEN', 'API_TOKEN is shorter than 16 characters', 'use a long random token');\n` +
            `  void env;\n` +
            `  void fail;\n` +
            `  return {};\n` +
            `};`,
        },
      ],
      sources,
    ),
    scaffold(
      httpLayout.extensionHooks,
      yours('Your request hooks: authentication, request logging, rate limits. Registered on the Fastify app\n// before every generated route (src/http/app.ts), so an onRequest hook here guards the whole API.'),
      `import type { FastifyInstance } from 'fastify';\nimport type { ExtensionContext } from '${app(httpLayout.extensionHooks)}';\n`,
      [
        {
          name: 'registerHooks',
          text:
            `export const registerHooks = async (app: FastifyInstance, context: ExtensionContext): Promise<void> => {\n` +
            `  // Example: a bearer token on every route but /openapi.json.\n` +
            `  // app.addHook('onRequest', async (request, reply) => {\n` +
            `  //   if (request.url === '/openapi.json') return;\n` +
            `  //   if (request.headers.authorization !== \`Bearer \${context.config.apiToken}\`) {\n` +
            `  //     return reply.code(401).type('application/problem+json').send({ type: 'urn:stormsmith:problem:unauthorized', title: 'Unauthorized', status: 401 });\n` +
            `  //   }\n` +
            `  // });\n` +
            `  void app;\n` +
            `  void context;\n` +
            `};`,
        },
      ],
      sources,
    ),
    scaffold(
      httpLayout.extensionRoutes,
      yours('Your routes, beside the generated ones (src/http/app.ts): queries, webhooks, anything the model does not say.'),
      `import type { FastifyInstance } from 'fastify';\nimport type { ExtensionContext } from '${app(httpLayout.extensionRoutes)}';\n`,
      [
        {
          name: 'registerRoutes',
          text:
            `export const registerRoutes = async (app: FastifyInstance, context: ExtensionContext): Promise<void> => {\n` +
            `  // Example: app.get('/version', async () => ({ version: process.env.npm_package_version }));\n` +
            `  // context.service has the event store and the command handlers (src/composition-root.ts).\n` +
            `  void app;\n` +
            `  void context;\n` +
            `};`,
        },
      ],
      sources,
    ),
    scaffold(
      httpLayout.extensionWiring,
      yours('Your service wiring: what starts with the service and stops with it (extra consumers, clients,\n// timers). src/main.ts calls onStart after the API listens and onStop before the service stops.'),
      `import type { ExtensionContext } from '${app(httpLayout.extensionWiring)}';\n`,
      [
        {
          name: 'onStart',
          text: `export const onStart = async (context: ExtensionContext): Promise<void> => {\n  void context;\n};`,
        },
        {
          name: 'onStop',
          text: `export const onStop = async (context: ExtensionContext): Promise<void> => {\n  void context;\n};`,
        },
      ],
      sources,
    ),
  ];
}
