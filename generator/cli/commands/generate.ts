// Placeholder until the owning issue lands; replaced by the real command.
import { EXIT, type CliCommand } from '../io.js';

export const generate: CliCommand = async (_argv, io) => {
  io.stderr('error[E_USAGE]: `generate` is not available in this build yet\n');
  return EXIT.usage;
};
