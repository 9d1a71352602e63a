/**
 * Request bodies without the Fetch API's cost. Under @hono/node-server a
 * request is a light wrapper over Node's IncomingMessage; reading its body
 * through c.req (or testing c.req.raw.body, as hono/body-limit does) first
 * builds a whole Request with a web stream, which costs a webhook about a
 * third of its CPU time. Here:
 *   - limitBody refuses a body over the limit from its Content-Length header
 *     alone when Node gives us the request; a body without one (chunked) is
 *     counted while it is read, by hono/body-limit, as before;
 *   - readBody reads the body straight from the IncomingMessage (once per
 *     request, whoever asks), else through c.req (app.request() in tests, or a
 *     body hono/body-limit already read).
 */
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Requests whose body hono/body-limit has read (it is then in c.req.raw, not in the IncomingMessage). */
const buffered = new WeakSet<Context>();
const bodies = new WeakMap<Context, Promise<string>>();

function incomingOf(c: Context): IncomingMessage | null {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming && typeof env.incoming.on === 'function' ? env.incoming : null;
}

/** hono/body-limit, except that a Node request with a Content-Length is judged by the header without touching its body. */
export function limitBody(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const counted = bodyLimit(options);
  return async (c, next) => {
    const incoming = incomingOf(c);
    if (incoming && !incoming.headers['transfer-encoding']) {
      const length = incoming.headers['content-length'];
      // No Content-Length and no Transfer-Encoding: HTTP/1.1 says there is no body.
      if (length === undefined) return next();
      return Number.parseInt(length, 10) > options.maxSize ? options.onError(c) : next();
    }
    if (incoming) buffered.add(c);
    return counted(c, next);
  };
}

function readIncoming(incoming: IncomingMessage): Promise<string> {
  return readIncomingBytes(incoming).then((bytes) => bytes.toString('utf8'));
}

function readIncomingBytes(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(Buffer.concat(chunks)));
    incoming.once('error', reject);
    // A client gone before the end: the promise is settled (rejected), never left waiting.
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('the client closed the request before its body ended'));
    });
  });
}

/** The body as UTF-8 text (invalid bytes become U+FFFD, as with c.req.text()). */
export function readBody(c: Context): Promise<string> {
  let body = bodies.get(c);
  if (!body) {
    const incoming = incomingOf(c);
    body = incoming && !buffered.has(c) && !incoming.readableDidRead ? readIncoming(incoming) : c.req.text();
    bodies.set(c, body);
  }
  return body;
}

const byteBodies = new WeakMap<Context, Promise<Buffer>>();

/**
 * The body as the client sent it, byte for byte (a raw MIME message need not be UTF-8,
 * and its signature covers the bytes). A request is read either with this or with
 * readBody, not both.
 */
export function readBodyBytes(c: Context): Promise<Buffer> {
  let body = byteBodies.get(c);
  if (!body) {
    const incoming = incomingOf(c);
    body = incoming && !buffered.has(c) && !incoming.readableDidRead
      ? readIncomingBytes(incoming)
      : c.req.arrayBuffer().then((b) => Buffer.from(b));
    byteBodies.set(c, body);
  }
  return body;
}
