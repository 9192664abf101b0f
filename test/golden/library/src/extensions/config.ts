// Yours: created once by stormsmith, never overwritten (regeneration only adds a missing export).
// Your configuration: read your own environment variables here. src/main.ts calls loadAppConfig at start,
// after the generated settings (src/settings.ts); report each bad value with fail() and the service
// exits with every error listed. The result reaches your hooks, routes and wiring as context.config.

/** Your settings (e.g. an API token for src/extensions/hooks.ts). */
export type AppConfig = {
  // apiToken?: string;
};

export const loadAppConfig = (env: Readonly<Record<string, string | undefined>>, fail: (variable: string, message: string, hint: string) => void): AppConfig => {
  // Example:
  // const apiToken = env.API_TOKEN;
  // if (apiToken !== undefined && apiToken.length < 16) fail('API_TOKEN', 'API_TOKEN is shorter than 16 characters', 'use a long random token');
  void env;
  void fail;
  return {};
};
