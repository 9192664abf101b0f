// The Stormsmith version, from our package.json: printed by `--version` and recorded in the
// generated manifest. Imported (not read from disk) so that the bundled CLI carries it inline.
import pkg from '../package.json' with { type: 'json' };

export const STORMSMITH_VERSION: string = pkg.version;
