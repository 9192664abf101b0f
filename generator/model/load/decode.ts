// Bytes -> text for model files. UTF-8 only (with or without BOM); a BOM is kept in the text so
// the serializer can write it back. UTF-16 and invalid UTF-8 are E_ENCODING.

import type { SourceFile } from '../types.js';

export type Decoded = { ok: true; text: string; byteLength: number } | { ok: false; message: string; hint: string; byteLength: number };

function utf8Length(text: string): number {
  // Exact UTF-8 byte count without allocating an encoded copy.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function decodeSource(file: SourceFile): Decoded {
  const bytes = file.bytes;
  if (!bytes) return { ok: true, text: file.text, byteLength: utf8Length(file.text) };
  const byteLength = bytes.length;
  if (byteLength >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, byteLength, message: 'file is UTF-16 encoded; model files must be UTF-8', hint: 'save the file as UTF-8 in your editor' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, byteLength };
  } catch {
    return { ok: false, byteLength, message: 'file is not valid UTF-8', hint: 'save the file as UTF-8 in your editor' };
  }
}
