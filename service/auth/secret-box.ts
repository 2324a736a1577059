/** AES-256-GCM envelopes for secrets stored in the database, and the masked form shown to users. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Envelope {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

export function seal(key: Buffer, plaintext: string, aad: string): Envelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Throws when the envelope was tampered with, moved to another field/user (aad), or the key changed. */
export function open(key: Buffer, env: Envelope, aad: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(env.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(env.data, 'base64')), decipher.final()]).toString('utf8');
}

export function isEnvelope(v: unknown): v is Envelope {
  const e = v as Envelope;
  return typeof v === 'object' && v !== null && e.v === 1 && typeof e.iv === 'string' && typeof e.tag === 'string' && typeof e.data === 'string';
}

/** `••••abcd`: enough for a user to recognise which key is stored, never enough to use it. */
export function mask(secret: string): string {
  const tail = secret.length > 8 ? secret.slice(-4) : '';
  return `••••${tail}`;
}
