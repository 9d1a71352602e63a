/**
 * Envelope encryption of provider credentials.
 *
 * Each sealed value gets a fresh random 32-byte data key. The value is
 * encrypted with AES-256-GCM under that data key, and the data key is
 * encrypted (wrapped) with AES-256-GCM under the master key. Both are bound to
 * a context (account and provider) through GCM's additional data, so a sealed
 * value copied onto another account's row does not open.
 *
 *   v1.<key id>.<wrapped data key>.<ciphertext>     (base64url parts)
 *
 * The key id is the first 16 hex digits of SHA-256 over the master key. It
 * says which key a row needs, so a key ring (current + previous) can open rows
 * sealed before a rotation, and `make rotate-key` knows what is left to rewrite.
 *
 * The master key comes from REVENUE_OS_MASTER_KEY (32 bytes, base64 or hex).
 * When it is unset, one is generated once into DATA_DIR/master-key (0600),
 * like APP_SECRET, so `make run` needs no set-up.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The key that seals, and the keys that may open (the current one first). */
export interface KeyRing {
  current: MasterKey;
  all: MasterKey[];
}

/** The file names in DATA_DIR (scripts/rotate-key.ts writes them). */
export const MASTER_KEY_FILE = 'master-key';
export const PREVIOUS_MASTER_KEY_FILE = 'master-key.previous';
export const NEXT_MASTER_KEY_FILE = 'master-key.next';

/** A refusal to open: wrong key, tampered text, or a value sealed for another account. */
export class SecretError extends Error {
  override name = 'SecretError';
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** 32 bytes written as base64, base64url or 64 hex digits. */
export function parseMasterKey(text: string, source: string): MasterKey {
  const t = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    throw new SecretError(`${source} must be 32 bytes written as base64 (44 characters) or hex (64 digits); generate one with: openssl rand -base64 32`);
  }
  return { id: keyId(key), key };
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('base64');
}

async function readKeyFile(file: string): Promise<MasterKey | null> {
  if (!existsSync(file)) return null;
  return parseMasterKey(await readFile(file, 'utf8'), file);
}

/**
 * The key ring of this process: REVENUE_OS_MASTER_KEY (and, during a rotation,
 * REVENUE_OS_PREVIOUS_MASTER_KEY), else DATA_DIR/master-key, generated when
 * missing. Files left by an interrupted `make rotate-key` (master-key.next,
 * master-key.previous) join the ring so no row becomes unreadable.
 */
export async function loadKeyRing(env: { REVENUE_OS_MASTER_KEY?: string; REVENUE_OS_PREVIOUS_MASTER_KEY?: string }, dataDir: string): Promise<KeyRing> {
  const extra: MasterKey[] = [];
  if (env.REVENUE_OS_PREVIOUS_MASTER_KEY?.trim()) extra.push(parseMasterKey(env.REVENUE_OS_PREVIOUS_MASTER_KEY, 'REVENUE_OS_PREVIOUS_MASTER_KEY'));
  let current: MasterKey;
  if (env.REVENUE_OS_MASTER_KEY?.trim()) {
    current = parseMasterKey(env.REVENUE_OS_MASTER_KEY, 'REVENUE_OS_MASTER_KEY');
  } else {
    const file = path.resolve(dataDir, MASTER_KEY_FILE);
    const found = await readKeyFile(file);
    if (found) current = found;
    else {
      await mkdir(path.dirname(file), { recursive: true });
      const text = generateMasterKey();
      await writeFile(file, text + '\n', { mode: 0o600, flag: 'wx' });
      current = parseMasterKey(text, file);
    }
    for (const name of [NEXT_MASTER_KEY_FILE, PREVIOUS_MASTER_KEY_FILE]) {
      const k = await readKeyFile(path.resolve(dataDir, name));
      if (k) extra.push(k);
    }
  }
  const all = [current, ...extra.filter((k, i, a) => k.id !== current.id && a.findIndex((x) => x.id === k.id) === i)];
  return { current, all };
}

export function keyRingOf(...keys: MasterKey[]): KeyRing {
  return { current: keys[0]!, all: keys };
}

const b64 = (b: Buffer): string => b.toString('base64url');

function gcmSeal(key: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < 28) throw new SecretError('sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  } catch {
    throw new SecretError('sealed value does not open with this key and context (tampered, or sealed for another account)');
  }
}

export interface Sealed {
  sealed: string;
  keyId: string;
}

/** Seals a JSON-able value for a context (e.g. `account:<uuid>:provider:twilio`). */
export function seal(ring: KeyRing, context: string, value: unknown): Sealed {
  const aad = Buffer.from(`revenue-os:v1:${context}`);
  const dataKey = randomBytes(32);
  try {
    const wrapped = gcmSeal(ring.current.key, dataKey, aad);
    const body = gcmSeal(dataKey, Buffer.from(JSON.stringify(value)), aad);
    return { sealed: `v1.${ring.current.id}.${b64(wrapped)}.${b64(body)}`, keyId: ring.current.id };
  } finally {
    dataKey.fill(0);
  }
}

/** Opens what seal() made for the same context, with whichever ring key sealed it. */
export function open(ring: KeyRing, context: string, sealed: string): unknown {
  const m = /^v1\.([0-9a-f]{16})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(sealed);
  if (!m) throw new SecretError('sealed value is not in the v1 format');
  const master = ring.all.find((k) => k.id === m[1]);
  if (!master) throw new SecretError(`sealed with master key ${m[1]}, which this process does not hold (set REVENUE_OS_MASTER_KEY, or REVENUE_OS_PREVIOUS_MASTER_KEY during a rotation)`);
  const aad = Buffer.from(`revenue-os:v1:${context}`);
  const dataKey = gcmOpen(master.key, Buffer.from(m[2]!, 'base64url'), aad);
  try {
    return JSON.parse(gcmOpen(dataKey, Buffer.from(m[3]!, 'base64url'), aad).toString('utf8'));
  } finally {
    dataKey.fill(0);
  }
}

/** `••••` plus the last 4 characters of values of 12 or more characters. */
export function mask(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••';
}
