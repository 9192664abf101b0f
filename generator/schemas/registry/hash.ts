// sha256 of a registry file's exact bytes (the index pins them).
import { createHash } from 'node:crypto';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
