/**
 * `make booking-key ACCOUNT=<slug>`: prints the booking webhook URL of an
 * account and the key its events must be signed with, for an operator to enter
 * in Calendly (or any calendar that signs Calendly-style). The key is derived
 * from BOOKING_WEBHOOK_SECRET and the account id (api/signatures.ts
 * bookingSigningKey), so it is the same every time and differs per account.
 * An account that stores its own Calendly webhook_signing_key is verified with
 * that one instead; this says so and prints no key.
 *
 * Database: DATABASE_URL; else the embedded database of a running `make run`;
 * else the embedded database in DATA_DIR, started for the occasion.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findWebhookAccount } from '../api/domain/webhook-keys.ts';
import { loadInboundConfig } from '../api/inbound-config.ts';
import { bookingSigningKey } from '../api/signatures.ts';
import { connect } from '../db/client.ts';
import { withCommandDatabase } from '../db/embedded.ts';
import { loadConfig } from '../lib/config.ts';
import { setLogLevel } from '../lib/log.ts';
import { loadCredentials } from '../lib/provider-credentials.ts';
import { loadKeyRing } from '../lib/secrets.ts';

const Args = z.object({ account: z.string().trim().min(1, 'ACCOUNT (the account slug) is required').max(63) });

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { account: { type: 'string' } } });
  const args = Args.safeParse({ account: values.account ?? '' });
  if (!args.success) {
    process.stderr.write(`${args.error.issues.map((i) => i.message).join('\n')}\nusage: make booking-key ACCOUNT=<slug>\n`);
    return 2;
  }
  const config = loadConfig();
  setLogLevel('warn');
  const inbound = await loadInboundConfig(process.env);
  const slug = args.data.account;
  const url = `${inbound.publicBaseUrl.replace(/\/+$/, '')}/webhooks/booking/${encodeURIComponent(slug)}`;
  return withCommandDatabase(config, async (databaseUrl) => {
    const sql = connect(databaseUrl, { max: 1, applicationName: 'revenue-os-booking-key' });
    try {
      const account = await findWebhookAccount(sql, 'calendly', { accountSlug: slug });
      if (!account.accountId) {
        process.stderr.write(`no account with slug ${JSON.stringify(slug)}\n`);
        return 1;
      }
      if (account.credentialsUpdatedAt) {
        const stored = await loadCredentials(sql, await loadKeyRing(config, config.DATA_DIR), account.accountId, 'calendly');
        if (stored?.value.webhook_signing_key) {
          process.stdout.write(`URL: ${url}\n`);
          process.stderr.write(
            `Account ${slug} verifies bookings with the Calendly webhook signing key stored on its settings page (not shown here).\n`,
          );
          return 0;
        }
      }
      if (!inbound.bookingWebhookSecret) {
        process.stderr.write(
          `BOOKING_WEBHOOK_SECRET is unset and account ${slug} stores no Calendly webhook signing key: its bookings are refused (403).\n`,
        );
        return 1;
      }
      process.stdout.write(`URL: ${url}\nSigning key: ${bookingSigningKey(inbound.bookingWebhookSecret, account.accountId)}\n`);
      process.stderr.write(
        `Use this key as the webhook's signing key (Calendly: signing_key when creating the subscription). It is derived from BOOKING_WEBHOOK_SECRET and this account: it changes if that secret does.\n`,
      );
      return 0;
    } finally {
      await sql.end();
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
