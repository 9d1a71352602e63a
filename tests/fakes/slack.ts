/**
 * A fake Slack Web API on 127.0.0.1: POST /api/auth.test with a Bearer bot
 * token. Like Slack, a bad token is HTTP 200 with `{ ok: false, error: "invalid_auth" }`.
 */
import type http from 'node:http';
import { startFake, type AcceptedBase, type FakeProvider } from './server.ts';

export const FAKE_SLACK_TOKEN = 'xoxb-1111111111-2222222222-fakeSlackBotToken01';

export interface FakeSlack extends FakeProvider<AcceptedBase> {
  botToken: string;
}

const bearer = (h: http.IncomingHttpHeaders): string | null => (h.authorization?.startsWith('Bearer ') ? h.authorization.slice(7) : null);

export async function startFakeSlack(options: { botToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? FAKE_SLACK_TOKEN;
  const fake = await startFake<AcceptedBase>({
    secretHeaders: [],
    // Slack answers every Web API call 200; the body says whether the token was accepted.
    authorize: () => null,
    notFound: () => ({ status: 404, body: { ok: false, error: 'unknown_method' } }),
    errorBody: (_status, code) => ({ ok: false, error: String(code) }),
    serverErrorBody: { ok: false, error: 'internal_error' },
    routes: [
      {
        method: 'POST',
        pattern: /^\/api\/auth\.test$/,
        send: false,
        handle: (ctx) => {
          const token = bearer(ctx.headers);
          if (!token) return { response: { status: 200, body: { ok: false, error: 'not_authed' } } };
          if (token !== botToken) return { response: { status: 200, body: { ok: false, error: 'invalid_auth' } } };
          return { response: { status: 200, body: { ok: true, url: 'https://fake-dealer.slack.com/', team: 'Fake Dealer', user: 'revenue-bot', team_id: 'T0001', user_id: 'U0001' } } };
        },
      },
    ],
  });
  return Object.assign(fake, { botToken });
}
