// Yours: created once by stormsmith, never overwritten (regeneration only adds a missing export).
// Your service wiring: what starts with the service and stops with it (extra consumers, clients,
// timers). src/main.ts calls onStart after the API listens and onStop before the service stops.
import type { ExtensionContext } from '../http/app.js';

export const onStart = async (context: ExtensionContext): Promise<void> => {
  void context;
};

export const onStop = async (context: ExtensionContext): Promise<void> => {
  void context;
};
