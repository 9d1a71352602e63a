/**
 * A fake Elastic Email API v4 on 127.0.0.1: POST /v4/emails/transactional
 * with the X-ElasticEmail-ApiKey header, Elastic's `{ "Error": "…" }` error
 * shape, `{ TransactionID, MessageID }` on success. Each accepted email keeps
 * its recipients (To, CC) and the headers it was given (Message-ID included).
 */
import { randomUUID } from 'node:crypto';
import { randomHex, startFake, type AcceptedBase, type FakeProvider, type FakeResponse, type RouteContext } from './server.ts';

export const FAKE_ELASTIC_KEY = 'fake-elastic-api-key-0001';

export interface ElasticAccepted extends AcceptedBase {
  to: string[];
  /** Recipients.CC (empty when none). */
  cc: string[];
  from: string;
  subject: string;
  headers: Record<string, string>;
  /** The plain-text part, so a test can check what went out. */
  plainText?: string;
}

export interface FakeElastic extends FakeProvider<ElasticAccepted> {
  apiKey: string;
}

export interface FakeElasticOptions {
  apiKey?: string;
}

function elasticError(status: number, message: string): FakeResponse {
  return { status, body: { Error: message } };
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export async function startFakeElastic(options: FakeElasticOptions = {}): Promise<FakeElastic> {
  const apiKey = options.apiKey ?? FAKE_ELASTIC_KEY;

  const send = (ctx: RouteContext) => {
    const body = (ctx.body ?? {}) as {
      Recipients?: { To?: unknown; CC?: unknown };
      Content?: { From?: unknown; Subject?: unknown; Body?: unknown; Headers?: unknown; TemplateName?: unknown };
    };
    const to = body.Recipients?.To;
    if (!Array.isArray(to) || to.length === 0) return { error: elasticError(400, 'Recipients.To is required') };
    if (!to.every((t) => typeof t === 'string' && EMAIL.test(t))) return { error: elasticError(400, 'Invalid recipient email address') };
    const cc = body.Recipients?.CC ?? [];
    if (!Array.isArray(cc) || !cc.every((t) => typeof t === 'string' && EMAIL.test(t))) return { error: elasticError(400, 'Invalid CC email address') };
    const content = body.Content;
    if (!content || typeof content.From !== 'string' || content.From === '') return { error: elasticError(400, 'Content.From is required') };
    const parts = Array.isArray(content.Body) ? (content.Body as Array<{ ContentType?: unknown; Content?: unknown }>) : [];
    if (parts.length === 0 && typeof content.TemplateName !== 'string') return { error: elasticError(400, 'Content.Body or Content.TemplateName is required') };
    const headers: Record<string, string> = {};
    if (content.Headers && typeof content.Headers === 'object') {
      for (const [k, v] of Object.entries(content.Headers as Record<string, unknown>)) if (typeof v === 'string') headers[k] = v;
    }
    const plain = parts.find((p) => p.ContentType === 'PlainText');
    const transactionId = randomUUID();
    const accepted: ElasticAccepted = {
      id: transactionId,
      at: new Date(),
      sendKey: headers['X-Revenue-Send-Key'] ?? null,
      touchRunId: headers['X-Revenue-Touch-Run-Id'] ?? null,
      to: to as string[],
      cc: cc as string[],
      from: content.From,
      subject: typeof content.Subject === 'string' ? content.Subject : '',
      headers,
      ...(typeof plain?.Content === 'string' ? { plainText: plain.Content } : {}),
    };
    return { accept: accepted, response: { status: 200, body: { TransactionID: transactionId, MessageID: randomHex(11) } } };
  };

  const fake = await startFake<ElasticAccepted>({
    secretHeaders: ['x-elasticemail-apikey'],
    authorize: (headers) => (headers['x-elasticemail-apikey'] === apiKey ? null : elasticError(401, 'Access Denied.')),
    notFound: (path) => elasticError(404, `Not found: ${path}`),
    errorBody: (_status, _code, message) => ({ Error: message }),
    serverErrorBody: { Error: 'An error has occurred.' },
    routes: [{ method: 'POST', pattern: /^\/v4\/emails\/transactional$/, send: true, handle: send }],
  });
  return Object.assign(fake, { apiKey });
}
