import { createHash } from 'node:crypto';

/** sha256 hex of the bytes; the identity of a file version everywhere in the workspace API. */
export const contentHash = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
