/**
 * A fake Slack Web API on 127.0.0.1: auth.test (Test connection), and what the AI
 * inbox's review posts use: users.lookupByEmail (form body; the workspace's members
 * are `users`), conversations.open, chat.postMessage (JSON bodies; each post is
 * recorded in `accepted` with its channel, text and blocks) and chat.update (rewrites
 * a recorded post, counting `updates`). Like Slack, a bad token
 * is HTTP 200 with `{ ok: false, error: "invalid_auth" }`.
 */
import type http from 'node:http';
import { startFake, type AcceptedBase, type FakeProvider } from './server.ts';

export const FAKE_SLACK_TOKEN = 'xoxb-1111111111-2222222222-fakeSlackBotToken01';

export interface SlackPost extends AcceptedBase {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  /** How many times chat.update rewrote it (text and blocks are the latest). */
  updates: number;
}

export interface FakeSlack extends FakeProvider<SlackPost> {
  botToken: string;
  /** Workspace members by email → user id (users.lookupByEmail). */
  users: Map<string, string>;
}

const bearer = (h: http.IncomingHttpHeaders): string | null => (h.authorization?.startsWith('Bearer ') ? h.authorization.slice(7) : null);

export async function startFakeSlack(options: { botToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? FAKE_SLACK_TOKEN;
  const users = new Map<string, string>();
  let posts = 0;
  /** Slack's answer to a bad or missing token, else null. */
  const denied = (ctx: { headers: http.IncomingHttpHeaders }) => {
    const token = bearer(ctx.headers);
    if (!token) return { response: { status: 200, body: { ok: false, error: 'not_authed' } } };
    if (token !== botToken) return { response: { status: 200, body: { ok: false, error: 'invalid_auth' } } };
    return null;
  };
  const field = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);
  const fake = await startFake<SlackPost>({
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
      {
        method: 'POST',
        pattern: /^\/api\/users\.lookupByEmail$/,
        send: false,
        handle: (ctx) => {
          const no = denied(ctx);
          if (no) return no;
          const email = field(ctx.body, 'email');
          const id = typeof email === 'string' ? users.get(email.toLowerCase()) : undefined;
          return { response: { status: 200, body: id ? { ok: true, user: { id, profile: { email } } } : { ok: false, error: 'users_not_found' } } };
        },
      },
      {
        method: 'POST',
        pattern: /^\/api\/conversations\.open$/,
        send: false,
        handle: (ctx) => {
          const no = denied(ctx);
          if (no) return no;
          const user = field(ctx.body, 'users');
          if (typeof user !== 'string' || ![...users.values()].includes(user)) return { response: { status: 200, body: { ok: false, error: 'user_not_found' } } };
          return { response: { status: 200, body: { ok: true, channel: { id: `D${user.slice(1)}` } } } };
        },
      },
      {
        method: 'POST',
        pattern: /^\/api\/chat\.update$/,
        send: false,
        handle: (ctx) => {
          const no = denied(ctx);
          if (no) return no;
          const channel = field(ctx.body, 'channel');
          const ts = field(ctx.body, 'ts');
          const post = fake.accepted.find((p) => p.channel === channel && p.ts === ts);
          if (!post) return { response: { status: 200, body: { ok: false, error: 'message_not_found' } } };
          const text = field(ctx.body, 'text');
          const blocks = field(ctx.body, 'blocks');
          if (typeof text !== 'string' || !Array.isArray(blocks)) return { response: { status: 200, body: { ok: false, error: 'invalid_arguments' } } };
          post.text = text;
          post.blocks = blocks;
          post.updates += 1;
          return { response: { status: 200, body: { ok: true, channel, ts, text } } };
        },
      },
      {
        method: 'POST',
        pattern: /^\/api\/chat\.postMessage$/,
        send: true,
        handle: (ctx) => {
          const no = denied(ctx);
          if (no) return no;
          const channel = field(ctx.body, 'channel');
          const text = field(ctx.body, 'text');
          const blocks = field(ctx.body, 'blocks');
          if (typeof channel !== 'string' || !/^[CGD][A-Z0-9]{6,24}$/.test(channel)) return { response: { status: 200, body: { ok: false, error: 'channel_not_found' } } };
          if (typeof text !== 'string' || !Array.isArray(blocks)) return { response: { status: 200, body: { ok: false, error: 'invalid_arguments' } } };
          posts += 1;
          const ts = `${1765000000 + posts}.${String(posts).padStart(6, '0')}`;
          return {
            accept: { id: ts, at: new Date(), sendKey: null, touchRunId: null, channel, ts, text, blocks, updates: 0 },
            response: { status: 200, body: { ok: true, channel, ts, message: { text } } },
          };
        },
      },
    ],
  });
  return Object.assign(fake, { botToken, users });
}
