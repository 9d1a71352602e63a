/**
 * `make reply PHONE=+1… TEXT="…" [TO=+1…] [CHANNEL=sms|whatsapp]`: a lead's
 * reply, posted to the running engine as Twilio would post it: a signed
 * POST /webhooks/twilio/messages. Try the inbound path without a phone.
 *
 * Signed with TWILIO_AUTH_TOKEN when set, else with the local key a
 * `make run` on the embedded database derives from APP_SECRET (DATA_DIR).
 * TO (our number the lead writes to) defaults to the number that last wrote
 * to PHONE, else the first sender of the lead's account.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import twilio from 'twilio';
import { z } from 'zod';
import { connect } from '../db/client.ts';
import { runningEmbeddedUrl } from '../db/embedded.ts';
import { localTwilioWebhookToken, resolveAppSecret } from '../lib/app-secret.ts';
import { loadConfig } from '../lib/config.ts';
import { normalizePhone } from '../lib/phone.ts';
import { loadProviderConfig } from '../worker/providers.ts';
import { replyTargetAddress } from '../api/domain/engine.ts';

const USAGE = 'usage: make reply PHONE=+13055550123 TEXT="Is it still available?" [TO=+13055550101] [CHANNEL=sms|whatsapp]\n';

const phone = z.string().transform((v, ctx) => {
  const n = normalizePhone(v);
  if (!n.ok) {
    ctx.addIssue({ code: 'custom', message: `not a phone number (${n.reason})` });
    return z.NEVER;
  }
  return n.e164;
});

const Args = z.object({
  phone,
  text: z.string().trim().min(1, 'must not be empty').max(1600, 'at most 1,600 characters'),
  to: z.union([z.literal(''), phone]),
  channel: z.enum(['sms', 'whatsapp']),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      phone: { type: 'string' },
      text: { type: 'string' },
      to: { type: 'string' },
      channel: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const args = Args.safeParse({
    phone: values.phone ?? '',
    text: values.text ?? '',
    to: values.to ?? '',
    channel: values.channel || 'sms',
  });
  if (!args.success) {
    process.stderr.write(`${args.error.issues.map((i) => `${i.path.join('.').toUpperCase()}: ${i.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const { phone: from, text, channel } = args.data;

  let to = args.data.to;
  if (!to) {
    const url = config.DATABASE_URL ?? (await runningEmbeddedUrl({ dataDir: config.DATA_DIR, stateRoot: config.EMBEDDED_PG_STATE_DIR }));
    if (!url) {
      process.stderr.write('make run is not running (and DATABASE_URL is unset): start it first, or pass TO=<our number>\n');
      return 2;
    }
    const sql = connect(url, { max: 1, applicationName: 'revenue-os-reply' });
    try {
      to = (await replyTargetAddress(sql, from, channel)) ?? '';
    } finally {
      await sql.end();
    }
    if (!to) {
      process.stderr.write(`no lead has the phone ${from} and nobody wrote to it: pass TO=<our number>\n`);
      return 2;
    }
  }

  const token = loadProviderConfig(process.env).twilio.authToken ?? localTwilioWebhookToken(await resolveAppSecret(config.APP_SECRET, config.DATA_DIR));
  const path = '/webhooks/twilio/messages';
  const prefix = channel === 'whatsapp' ? 'whatsapp:' : '';
  const params: Record<string, string> = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    From: `${prefix}${from}`,
    To: `${prefix}${to}`,
    Body: text,
    NumMedia: '0',
  };
  // Twilio signs the URL it calls: PUBLIC_BASE_URL + path.
  const signature = twilio.getExpectedTwilioSignature(token, `${config.PUBLIC_BASE_URL}${path}`, params);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const target = `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}${path}`;
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
  } catch (error) {
    process.stderr.write(`cannot reach the engine at ${target} (${(error as Error).message}): is make run running?\n`);
    return 1;
  }
  const body = await res.text();
  if (!res.ok) {
    process.stderr.write(`the engine refused the reply: HTTP ${res.status} ${body.slice(0, 500)}\n`);
    return 1;
  }
  process.stdout.write(`Delivered ${channel} reply ${params.MessageSid} from ${from} to ${to}: HTTP ${res.status}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
