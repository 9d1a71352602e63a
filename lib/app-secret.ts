import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * APP_SECRET signs links sent to leads. When it is not configured (development)
 * one is generated once into DATA_DIR/app-secret, so links stay valid across restarts.
 */
export async function resolveAppSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) {
    if (configured.length < 16) throw new Error('APP_SECRET must be at least 16 characters');
    return configured;
  }
  const file = path.resolve(dataDir, 'app-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The Twilio webhook token of a local engine: when `make run` uses the embedded
 * database and TWILIO_AUTH_TOKEN is unset, Twilio-signed webhooks are verified
 * with this key, derived from APP_SECRET (never the secret itself), so
 * `make reply` can sign a reply that the engine accepts. A deployment with its
 * own database never uses it.
 */
export function localTwilioWebhookToken(appSecret: string): string {
  return createHmac('sha256', appSecret).update('revenue-os local twilio webhook token').digest('base64url');
}
