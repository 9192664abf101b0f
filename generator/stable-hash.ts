// A small, stable string hash for deterministic sample data (generated tests, the event museum):
// the same text gives the same number on every machine and run. Not for security.

/** FNV-1a (32-bit) over UTF-16 code units. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The lowest `width` hex digits of `n`, zero-padded. */
export const hexDigits = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);
