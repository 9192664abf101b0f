// Bytes -> text for model files. UTF-8 only (with or without BOM); a BOM is kept in the text so
// the serializer can write it back. UTF-16 and invalid UTF-8 are E_ENCODING; anything over the
// size cap is E_TOO_LARGE before a single byte is decoded or parsed.

import type { SourceFile } from '../types.js';
import { SourceText } from './source-text.js';

export type Decoded =
  | { ok: true; text: string; byteLength: number }
  | { ok: false; code: 'E_ENCODING' | 'E_TOO_LARGE'; message: string; hint: string; line: number; col: number };

/** Exact UTF-8 byte count without allocating an encoded copy. */
function utf8Length(text: string): number {
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

/** Index of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function tooLarge(byteLength: number, maxBytes: number): Decoded {
  return {
    ok: false,
    code: 'E_TOO_LARGE',
    message: `file is ${byteLength} bytes, more than the ${maxBytes} bytes a model file may have`,
    hint: 'split the bounded context into smaller files, or raise the limit',
    line: 1,
    col: 1,
  };
}

export function decodeSource(file: SourceFile, maxBytes: number): Decoded {
  const bytes = file.bytes;
  if (!bytes) {
    // Every UTF-16 unit is at least one UTF-8 byte: no need to count a text that is too long anyway.
    if (file.text.length > maxBytes) return tooLarge(file.text.length, maxBytes);
    const byteLength = utf8Length(file.text);
    if (byteLength > maxBytes) return tooLarge(byteLength, maxBytes);
    return { ok: true, text: file.text, byteLength };
  }
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  // UTF-32 first: its little-endian BOM (FF FE 00 00) starts like UTF-16's.
  if (bytes.length >= 4 && ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))) {
    return { ok: false, code: 'E_ENCODING', message: 'file is UTF-32 encoded; model files must be UTF-8', hint: 'save the file as UTF-8 in your editor', line: 1, col: 1 };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, code: 'E_ENCODING', message: 'file is UTF-16 encoded; model files must be UTF-8', hint: 'save the file as UTF-8 in your editor', line: 1, col: 1 };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    // Position of the bad byte: decode the (valid) bytes before it and count lines and columns.
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad));
    const { line, col } = new SourceText(file.path, before).pos(before.length);
    return {
      ok: false,
      code: 'E_ENCODING',
      message: `invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, '0')}; model files must be UTF-8`,
      hint: 'save the file as UTF-8 in your editor',
      line,
      col,
    };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, byteLength: bytes.length };
  } catch {
    return { ok: false, code: 'E_ENCODING', message: 'file is not valid UTF-8', hint: 'save the file as UTF-8 in your editor', line: 1, col: 1 };
  }
}
