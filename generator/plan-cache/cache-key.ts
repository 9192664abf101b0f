// The secret that signs plan-cache entries. The cache lives in the output folder, which is
// untrusted input: a pull request can commit entries whose generator digest and input hash are
// right (both are computed from public data) and whose files are anything. An entry is believed
// only when its HMAC verifies under a key that never lands in a repository: 32 random bytes in
// the user's cache folder (created on first use, mode 0600). Without a usable key folder, a
// per-process key is used: the cache then still helps within one process (tests, the studio),
// and nothing on disk from before is ever trusted.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const KEY_FILE = 'plan-cache.key';
const KEY_BYTES = 32;

/** Where the key lives: $STORMSMITH_KEY_DIR, else the platform's per-user cache folder. */
export function keyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STORMSMITH_KEY_DIR) return env.STORMSMITH_KEY_DIR;
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'stormsmith');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'stormsmith');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'stormsmith');
}

function readKey(file: string): Buffer | null {
  try {
    const bytes = fs.readFileSync(file);
    return bytes.length === KEY_BYTES ? bytes : null;
  } catch {
    return null;
  }
}

let memo: Buffer | undefined;

/** The user's key (created when missing), or a per-process key when none can be kept. */
export function planCacheKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (memo) return memo;
  const file = path.join(keyDir(env), KEY_FILE);
  let key = readKey(file);
  if (!key) {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
    } catch {
      // EEXIST: another process created it first (read below); anything else: per-process key.
    }
    key = readKey(file);
  }
  memo = key ?? randomBytes(KEY_BYTES);
  return memo;
}

/** `<hex mac>\n<body>`: what is written for every signed cache file. */
export const sign = (key: Buffer, body: string): string => `${createHmac('sha256', key).update(body).digest('hex')}\n${body}`;

/** The body of a signed text when its MAC verifies under `key`, else undefined. */
export function verified(key: Buffer, text: string): string | undefined {
  const nl = text.indexOf('\n');
  if (nl !== 64) return undefined;
  const body = text.slice(nl + 1);
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(text.slice(0, nl), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? body : undefined;
}
