// Placeholder until the owning issue lands; replaced by the real command.
import { EXIT, type CliCommand } from '../io.js';

export const check: CliCommand = async (_argv, io) => {
  io.stderr('error[E_USAGE]: `check` is not available in this build yet\n');
  return EXIT.usage;
};
