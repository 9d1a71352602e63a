/**
 * The machinery the fake providers share: a node:http server on 127.0.0.1 and
 * a random port, request recording, and fault injection.
 *
 * Each request is handled in this order:
 *   1. read and parse the body, record the request (auth headers removed);
 *   2. check auth (401 in the provider's own error shape);
 *   3. route (404 when unknown);
 *   4. draw this request's faults (sends only, unless `includeReads`);
 *   5. `rejectWith`: answer that error, accept nothing;
 *   6. a reset without `acceptBeforeReset`: drop the connection, accept nothing;
 *      `holdBeforeAcceptMs`: wait, then accept nothing when the client has gone meanwhile
 *      (a sender killed mid-request: the provider never received the send);
 *   7. validate and accept (recorded in `accepted` with its send key and time);
 *   8. a reset with `acceptBeforeReset`: drop the connection now;
 *   9. wait `delayMs`;
 *  10. `failAfterAccept`: answer 500 although the send was accepted; else answer.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  at: Date;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-cased names; Authorization and API-key headers are left out. */
  headers: Record<string, string>;
  /** Whether the request carried the credentials the fake expects. */
  authenticated: boolean;
  /** Parsed JSON or form body (repeated form keys become arrays); null when empty. */
  body: unknown;
}

export interface Faults {
  /** 0–1: accept and record the send, then answer 500 ("the provider may have sent it"). */
  failAfterAcceptRate?: number;
  /** Wait this long before answering (after accepting): longer than the client timeout = a timeout after send. */
  delayMs?: number;
  /** 0–1: drop the connection without an answer (TCP reset). */
  resetRate?: number;
  /** With resetRate: accept and record the send before dropping the connection. */
  acceptBeforeReset?: boolean;
  /** Answer this error (in the provider's error shape) instead of handling the request. */
  rejectWith?: { status: number; code: string | number; message: string };
  /** Seed for the rates' RNG (mulberry32); without it Math.random. Rates of 0 and 1 need no seed. */
  seed?: number;
  /** Wait this long before accepting; a client that disconnects meanwhile gets nothing accepted. */
  holdBeforeAcceptMs?: number;
  /** Apply to the next N eligible requests only, then clear. Without it: until setFaults(null). */
  times?: number;
  /** Also apply to reads (GET lists), not only to sends. */
  includeReads?: boolean;
}

export interface FakeResponse {
  status: number;
  body: unknown;
}

export interface AcceptedBase {
  id: string;
  at: Date;
  /** From the status-callback URL's `send_key` (or the email header); null when absent. */
  sendKey: string | null;
  touchRunId: string | null;
}

export interface FakeProvider<A extends AcceptedBase> {
  url: string;
  requests: RecordedRequest[];
  accepted: A[];
  setFaults(faults: Faults | null): void;
  /** Send keys accepted more than once: what "never double-send" tests look for. */
  duplicateSendKeys(): string[];
  close(): Promise<void>;
}

export interface RouteContext {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  params: string[];
}

export type RouteOutcome<A> = { error: FakeResponse } | { accept: A; response: FakeResponse } | { response: FakeResponse };

export interface Route<A> {
  method: string;
  pattern: RegExp;
  /** A send (creates something at the provider): faults apply. */
  send: boolean;
  handle(ctx: RouteContext): RouteOutcome<A>;
}

export interface FakeDefinition<A> {
  /** Header names (lower-case) never recorded. */
  secretHeaders: string[];
  /** null when authorised, else the provider's 401. */
  authorize(headers: http.IncomingHttpHeaders, path: string): FakeResponse | null;
  routes: Route<A>[];
  notFound(path: string): FakeResponse;
  /** The provider's error body for an injected rejection. */
  errorBody(status: number, code: string | number, message: string): unknown;
  /** The provider's body for a 500. */
  serverErrorBody: unknown;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function sendKeyFromUrl(url: unknown): { sendKey: string | null; touchRunId: string | null } {
  if (typeof url !== 'string') return { sendKey: null, touchRunId: null };
  try {
    const parsed = new URL(url);
    return { sendKey: parsed.searchParams.get('send_key'), touchRunId: parsed.searchParams.get('touch_run_id') };
  } catch {
    return { sendKey: null, touchRunId: null };
  }
}

function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(text);
    } catch {
      return { __unparsable: text };
    }
  }
  if (contentType?.includes('application/x-www-form-urlencoded')) return parseForm(text);
  return text;
}

interface Decision {
  rejectWith?: Faults['rejectWith'];
  reset: boolean;
  acceptBeforeReset: boolean;
  failAfterAccept: boolean;
  delayMs: number;
  holdBeforeAcceptMs: number;
}

const NO_FAULT: Decision = { reset: false, acceptBeforeReset: false, failAfterAccept: false, delayMs: 0, holdBeforeAcceptMs: 0 };

class FaultPlan {
  #faults: Faults | null = null;
  #remaining: number | null = null;
  #rng: () => number = Math.random;

  set(faults: Faults | null): void {
    this.#faults = faults;
    this.#remaining = faults?.times ?? null;
    this.#rng = faults?.seed === undefined ? Math.random : mulberry32(faults.seed);
  }

  #roll(rate: number | undefined): boolean {
    if (rate === undefined || rate <= 0) return false;
    if (rate >= 1) return true;
    return this.#rng() < rate;
  }

  next(isSend: boolean): Decision {
    const f = this.#faults;
    if (!f || (!isSend && !f.includeReads)) return NO_FAULT;
    if (this.#remaining !== null) {
      if (this.#remaining <= 0) return NO_FAULT;
      this.#remaining -= 1;
      if (this.#remaining === 0) this.#faults = null;
    }
    return {
      rejectWith: f.rejectWith,
      reset: this.#roll(f.resetRate),
      acceptBeforeReset: f.acceptBeforeReset === true,
      failAfterAccept: this.#roll(f.failAfterAcceptRate),
      delayMs: f.delayMs ?? 0,
      holdBeforeAcceptMs: f.holdBeforeAcceptMs ?? 0,
    };
  }
}

export async function startFake<A extends AcceptedBase>(def: FakeDefinition<A>): Promise<FakeProvider<A>> {
  const requests: RecordedRequest[] = [];
  const accepted: A[] = [];
  const plan = new FaultPlan();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const secret = new Set(['authorization', ...def.secretHeaders]);

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const reset = (res: http.ServerResponse) => {
    const socket = res.socket;
    if (!socket) return;
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  };

  const answer = (res: http.ServerResponse, response: FakeResponse) => {
    if (res.destroyed || res.writableEnded) return;
    const payload = JSON.stringify(response.body);
    res.writeHead(response.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake.local');
        const text = Buffer.concat(chunks).toString('utf8');
        const body = parseBody(text, req.headers['content-type']);
        const query = parseForm(url.search.slice(1));
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (!secret.has(k) && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        const method = (req.method ?? 'GET').toUpperCase();
        const authError = def.authorize(req.headers, url.pathname);
        requests.push({ at: new Date(), method, path: url.pathname, query, headers, authenticated: authError === null, body });
        if (authError) return answer(res, authError);

        let params: string[] = [];
        const route = def.routes.find((r) => {
          if (r.method !== method) return false;
          const m = r.pattern.exec(url.pathname);
          if (m) params = m.slice(1);
          return m !== null;
        });
        if (!route) return answer(res, def.notFound(url.pathname));

        const decision = plan.next(route.send);
        if (decision.rejectWith) {
          const { status, code, message } = decision.rejectWith;
          await wait(decision.delayMs);
          return answer(res, { status, body: def.errorBody(status, code, message) });
        }
        if (decision.reset && !decision.acceptBeforeReset) return reset(res);
        if (decision.holdBeforeAcceptMs > 0) {
          let gone = false;
          res.once('close', () => {
            gone = true;
          });
          await wait(decision.holdBeforeAcceptMs);
          if (gone || res.destroyed || req.socket.destroyed) return;
        }

        const outcome = route.handle({ method, path: url.pathname, query, headers: req.headers, body, params });
        if ('error' in outcome) {
          await wait(decision.delayMs);
          return answer(res, outcome.error);
        }
        if ('accept' in outcome) accepted.push(outcome.accept);
        if (decision.reset) return reset(res);
        await wait(decision.delayMs);
        if (decision.failAfterAccept) return answer(res, { status: 500, body: def.serverErrorBody });
        return answer(res, outcome.response);
      })().catch((error: unknown) => {
        answer(res, { status: 500, body: def.errorBody(500, 'fake_crashed', error instanceof Error ? error.message : String(error)) });
      });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted,
    setFaults: (faults) => plan.set(faults),
    duplicateSendKeys: () => {
      const counts = new Map<string, number>();
      for (const a of accepted) if (a.sendKey) counts.set(a.sendKey, (counts.get(a.sendKey) ?? 0) + 1);
      return [...counts].filter(([, n]) => n > 1).map(([k]) => k);
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
