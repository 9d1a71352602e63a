/**
 * SCRAM-SHA-256 password verifiers as PostgreSQL stores them (RFC 5802 / 7677):
 *   SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
 * Handing the server a verifier instead of the password means the password itself
 * never reaches the server, its logs or pg_stat_statements.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's own default (scram_iterations). */
export const SCRAM_ITERATIONS = 4096;

/**
 * The verifier for a password. Only printable ASCII is accepted: SASLprep, which a
 * client applies before hashing, leaves such a password unchanged, so no client and
 * this function can disagree about it.
 */
export function scramSha256Verifier(password: string, options: { salt?: Buffer; iterations?: number } = {}): string {
  if (!/^[\x21-\x7e]{8,}$/.test(password)) {
    throw new Error('a database password must be at least 8 printable ASCII characters without spaces');
  }
  const iterations = options.iterations ?? SCRAM_ITERATIONS;
  const salt = options.salt ?? randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
