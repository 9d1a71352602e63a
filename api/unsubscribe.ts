/**
 * One-click unsubscribe (RFC 8058). The link carries a token signed with
 * APP_SECRET (lib/tokens.ts: {a: account, l: lead, c: channel}, minted in
 * worker/tasks/dispatch_touch.ts).
 *
 * GET only shows a confirmation page with a POST form: mail scanners and link
 * previews fetch links, so a GET never unsubscribes. POST (the mail client's
 * `List-Unsubscribe=One-Click`, or the page's form) suppresses the channel
 * through public.suppress_lead_channel; repeating it changes nothing.
 */
import { Hono, type Context } from 'hono';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import { log } from '../lib/log.ts';
import { verifyToken } from '../lib/tokens.ts';
import type { InboundDeps } from './inbound-config.ts';
import { IngestResult } from './webhooks/common.ts';

const ROUTE = '/unsubscribe/:token';

const Token = z.object({
  a: z.string().uuid(),
  l: z.string().uuid(),
  c: z.enum(['email', 'sms', 'whatsapp', 'voice']),
});
type Token = z.infer<typeof Token>;

const WHAT: Record<Token['c'], string> = {
  email: 'emails',
  sms: 'text messages',
  whatsapp: 'WhatsApp messages',
  voice: 'calls',
};

/** The link is a credential: never cached, indexed or sent on as a referrer. */
const HEADERS = { 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer' };

/** The page's only style; the Content-Security-Policy allows exactly this text by its hash (api/security-headers.ts). */
export const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}';

function page(title: string, body: unknown) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
${body}
</body>
</html>`;
}

async function notFound(c: Context): Promise<Response> {
  log('WEBHOOK_REJECTED', { provider: 'unsubscribe', route: ROUTE, status: 404, reason: 'invalid_token' }, 'warn');
  return c.html(
    await page('Link not valid', html`<h1>This link is not valid</h1><p>It may be incomplete. Please use the full link from the message you received.</p>`),
    404,
    HEADERS,
  );
}

export function unsubscribeRoutes(deps: InboundDeps): Hono {
  const app = new Hono();

  const token = (c: Context): Token | null => {
    const payload = verifyToken(c.req.param('token') ?? '', deps.config.appSecret);
    const parsed = Token.safeParse(payload);
    return parsed.success ? parsed.data : null;
  };

  app.get('/:token', async (c) => {
    const t = token(c);
    if (!t) return notFound(c);
    const [org] = await deps.ingestSql<{ business_name: string | null }[]>`
      select o.business_name from public.org_settings o where o.account_id = ${t.a}`;
    const business = org?.business_name ?? 'this sender';
    return c.html(
      await page(
        'Unsubscribe',
        html`<h1>Unsubscribe</h1>
<p>Stop ${WHAT[t.c]} from ${business}?</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
      ),
      200,
      HEADERS,
    );
  });

  app.post('/:token', async (c) => {
    const t = token(c);
    if (!t) return notFound(c);
    const [row] = await deps.ingestSql<{ r: unknown; business_name: string | null }[]>`
      select public.suppress_lead_channel(${t.a}::uuid, ${t.l}::uuid, null, ${t.c}, 'unsubscribe', 'one_click') as r,
             (select o.business_name from public.org_settings o where o.account_id = ${t.a}::uuid) as business_name`;
    const result = IngestResult.parse(row?.r);
    if (result.outcome !== 'suppressed' && result.outcome !== 'already_suppressed') {
      // no_address: the lead (or its address) is gone; there is nothing to unsubscribe.
      return notFound(c);
    }
    log('UNSUBSCRIBED', { account_id: t.a, lead_id: t.l, channel: t.c, outcome: result.outcome });
    const business = row?.business_name ?? 'this sender';
    return c.html(
      await page(
        'Unsubscribed',
        html`<h1>You are unsubscribed</h1><p>You will get no more ${WHAT[t.c]} from ${business}.</p>`,
      ),
      200,
      HEADERS,
    );
  });

  return app;
}
