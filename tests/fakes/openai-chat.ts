/**
 * A fake OpenAI chat-completions server on 127.0.0.1 for Command OS's fallback.
 *
 * POST /v1/chat/completions checks what the real API would need for
 * structured output: a bearer key, a model, and a strict json_schema
 * response_format whose `intent` property is an enum; then answers what the
 * test chose: a JSON reply (as the assistant message's content), an HTTP
 * error in OpenAI's error shape, or nothing for a while (a timeout).
 *
 * A request whose json_schema is named command_os_rephrase (Command OS's
 * assistant phrasing) is answered by the rephrase behaviour instead: the
 * user message is the JSON { lang, answer, data } the phraser sends.
 *
 * The AI inbox's three requests (json_schema reply_sentiment, reply_draft and
 * draft_evaluation) are answered by the behaviour the test set for that name
 * (setInbox); their schema must be strict: an object with additionalProperties
 * false and every property required, as OpenAI's structured outputs demand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeChatBehavior =
  | { kind: 'reply'; reply: (userText: string) => unknown }
  | { kind: 'raw'; content: string }
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'hang'; ms: number };

export type FakeRephraseBehavior =
  | { kind: 'text'; text: (input: { lang: string; answer: string; data: unknown }) => string }
  | { kind: 'status'; status: number };

/** The AI inbox's requests, by their json_schema name. */
export type InboxPurpose = 'reply_sentiment' | 'reply_draft' | 'draft_evaluation';
const INBOX_PURPOSES: readonly string[] = ['reply_sentiment', 'reply_draft', 'draft_evaluation'];

export interface FakeChatRequest {
  /** intent: the fallback parser; rephrase: the assistant phrasing; the inbox's by schema name. */
  purpose: 'intent' | 'rephrase' | InboxPurpose;
  /** The system message (the inbox's prompts), when there is one. */
  systemText: string | null;
  model: string | null;
  authenticated: boolean;
  /** response_format is a strict json_schema with an `intent` enum. */
  structured: boolean;
  intentEnum: string[];
  userText: string | null;
}

export interface FakeOpenAiChat {
  /** Base URL for the SDK (ends in /v1). */
  baseURL: string;
  apiKey: string;
  requests: FakeChatRequest[];
  setBehavior(b: FakeChatBehavior): void;
  setRephrase(b: FakeRephraseBehavior): void;
  /** How the inbox request of that schema name is answered (default: HTTP 500). */
  setInbox(purpose: InboxPurpose, b: FakeChatBehavior): void;
  close(): Promise<void>;
}

function errorBody(status: number, message: string): string {
  return JSON.stringify({ error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code: null } });
}

function completion(n: number, model: string | null, content: string): string {
  return JSON.stringify({
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });
}

export async function startFakeOpenAiChat(apiKey = 'sk-test-fake-command-os'): Promise<FakeOpenAiChat> {
  let behavior: FakeChatBehavior = { kind: 'reply', reply: () => ({ intent: 'unknown', lang: 'en', args: {} }) };
  let rephrase: FakeRephraseBehavior = { kind: 'text', text: (i) => i.answer };
  const inbox = new Map<string, FakeChatBehavior>();
  const requests: FakeChatRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: string) => {
        if (res.writableEnded || res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/chat/completions')) return send(404, errorBody(404, 'not found'));
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(400, errorBody(400, 'invalid JSON'));
      }
      const authenticated = req.headers.authorization === `Bearer ${apiKey}`;
      const rf = body.response_format as
        | { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: { properties?: { intent?: { enum?: unknown }; text?: { type?: unknown } } } } }
        | undefined;
      const isRephrase = rf?.json_schema?.name === 'command_os_rephrase';
      const inboxName = INBOX_PURPOSES.includes(rf?.json_schema?.name ?? '') ? (rf!.json_schema!.name as InboxPurpose) : null;
      const intentEnum = rf?.json_schema?.schema?.properties?.intent?.enum;
      const messages = Array.isArray(body.messages) ? (body.messages as { role?: string; content?: unknown }[]) : [];
      const user = messages.find((m) => m.role === 'user');
      const system = messages.find((m) => m.role === 'system');
      const strictObject = (schema: unknown): boolean => {
        const o = schema as { type?: unknown; additionalProperties?: unknown; properties?: Record<string, unknown>; required?: unknown } | undefined;
        if (!o || o.type !== 'object' || o.additionalProperties !== false || !o.properties) return false;
        const required = Array.isArray(o.required) ? o.required.map(String) : [];
        return Object.keys(o.properties).every((k) => required.includes(k));
      };
      const record: FakeChatRequest = {
        purpose: inboxName ?? (isRephrase ? 'rephrase' : 'intent'),
        systemText: typeof system?.content === 'string' ? system.content : null,
        model: typeof body.model === 'string' && body.model ? body.model : null,
        authenticated,
        structured:
          rf?.type === 'json_schema' &&
          rf.json_schema?.strict === true &&
          (inboxName
            ? strictObject(rf.json_schema.schema)
            : isRephrase ? rf.json_schema.schema?.properties?.text?.type === 'string' : Array.isArray(intentEnum)),
        intentEnum: Array.isArray(intentEnum) ? intentEnum.map(String) : [],
        userText: typeof user?.content === 'string' ? user.content : null,
      };
      requests.push(record);
      if (!authenticated) return send(401, errorBody(401, 'Incorrect API key provided'));
      if (!record.model) return send(400, errorBody(400, 'you must provide a model parameter'));
      if (!record.structured) return send(400, errorBody(400, 'response_format must be a strict json_schema'));

      if (isRephrase) {
        const r = rephrase;
        if (r.kind === 'status') return send(r.status, errorBody(r.status, 'The server had an error'));
        const input = JSON.parse(record.userText ?? '{}') as { lang: string; answer: string; data: unknown };
        return send(200, completion(requests.length, record.model, JSON.stringify({ text: r.text(input) })));
      }
      const b = inboxName ? (inbox.get(inboxName) ?? { kind: 'status', status: 500, message: `no behaviour set for ${inboxName}` }) : behavior;
      if (b.kind === 'status') return send(b.status, errorBody(b.status, b.message ?? 'The server had an error'));
      if (b.kind === 'hang') {
        const timer = setTimeout(() => send(500, errorBody(500, 'too late')), b.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      const content = b.kind === 'raw' ? b.content : JSON.stringify(b.reply(record.userText ?? ''));
      return send(200, completion(requests.length, record.model, content));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    setBehavior(b) {
      behavior = b;
    },
    setRephrase(b) {
      rephrase = b;
    },
    setInbox(purpose, b) {
      inbox.set(purpose, b);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
