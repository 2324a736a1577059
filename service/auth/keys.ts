/**
 * The service's master secret, from `DEMO_DATA_SECRET` or a key file generated in the data directory
 * (mode 0600). Separate keys for token signing and for encrypting settings are derived from it, so
 * one leaked purpose does not expose the other.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServiceKeys {
  /** HMAC key for JWTs. */
  jwt: Uint8Array;
  /** AES-256-GCM key for secrets at rest. */
  settings: Buffer;
}

export function deriveKeys(master: Buffer): ServiceKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { jwt: new Uint8Array(derive('demo-data jwt v1')), settings: derive('demo-data settings v1') };
}

/** Reads (or creates, with mode 0600) `<dataDir>/secret.key` unless a secret is given. */
export function loadMasterSecret(opts: { secret?: string; dataDir: string }): Buffer {
  if (opts.secret) {
    if (opts.secret.length < 16) throw new Error('DEMO_DATA_SECRET is too short: use at least 16 characters (32 random bytes, base64, is best).');
    return createHash('sha256').update(opts.secret).digest();
  }
  const file = join(opts.dataDir, 'secret.key');
  try {
    const text = readFileSync(file, 'utf8').trim();
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key; restore it or remove it (secrets encrypted with it are then lost).`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another instance created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterSecret(opts);
    throw err;
  }
  chmodSync(file, 0o600);
  return key;
}
