/**
 * The notification bell (count, panel, mark read) and the Server-Sent Events stream
 * that tells open consoles about inbound replies (pg_notify 'revenue_inbound').
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Sql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import type { ConsoleEnv } from '../auth.ts';
import { loadBell, markRead, STAGES } from '../domain/notifications.ts';
import { BellPanel } from '../../views/pages/bell.tsx';

/** Open event streams one session may hold (a few tabs); the next is refused until one closes. */
export const MAX_STREAMS_PER_SESSION = 4;

export function notificationRoutes(sql: Sql): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  // Open /events streams per session id, in this process.
  const open = new Map<string, number>();
  app.get('/notifications/count', async (c) => {
    const bell = await c.get('readDb')((tx) => loadBell(tx, c.get('session').userId));
    const n = bell.inbox.unread + bell.groups.reduce((a, g) => a + g.count, 0);
    return c.html(n ? <>{n}</> : <></>);
  });
  app.get('/notifications', async (c) => {
    const bell = await c.get('readDb')((tx) => loadBell(tx, c.get('session').userId));
    return c.html(<BellPanel bell={bell} />);
  });
  // Mark read: one notification (id) or all of the user's; answers the panel again.
  app.post('/notifications/read', async (c) => {
    const form = await c.req.parseBody();
    const id = typeof form.id === 'string' ? form.id.trim() : '';
    if (id && !/^[0-9a-f-]{36}$/i.test(id)) return c.json({ error: 'invalid_id', reason: 'id must be a notification id' }, 400);
    const userId = c.get('session').userId;
    await c.get('db')((tx) => markRead(tx, userId, id ? [id] : null));
    const bell = await c.get('db')((tx) => loadBell(tx, userId));
    return c.html(<BellPanel bell={bell} />);
  });
  app.get('/events', (c) => {
    const s = c.get('session');
    const n = open.get(s.sessionId) ?? 0;
    if (n >= MAX_STREAMS_PER_SESSION) {
      log('SSE_REFUSED', { user_id: s.userId, open: n }, 'warn');
      return c.json({ error: 'too_many_streams', reason: `at most ${MAX_STREAMS_PER_SESSION} live update streams per session; close another tab` }, 429);
    }
    open.set(s.sessionId, n + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (open.get(s.sessionId) ?? 1) - 1;
      if (left > 0) open.set(s.sessionId, left);
      else open.delete(s.sessionId);
    };
    return streamSSE(c, async (stream) => {
      const unsubscribe = inboundBus(sql).subscribe(s.accountId, (event) => {
        void stream.writeSSE({ event: 'inbound', data: JSON.stringify(event) });
      });
      stream.onAbort(() => {
        unsubscribe();
        release();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ stages: STAGES.map((x) => x.key) }) });
      while (!stream.aborted) {
        await stream.sleep(25_000);
        if (!stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
      }
      unsubscribe();
      release();
    }, async (error, stream) => {
      release();
      log('SSE_FAILED', { error: error.message.slice(0, 200) }, 'warn');
      await stream.close();
    });
  });
  return app;
}

// ---- pg_notify 'revenue_inbound' fan-out to SSE clients -------------------------
type InboundEvent = { account_id: string; lead_id: string; stage: string; channel: string; classification: string | null };
const buses = new WeakMap<Sql, InboundBus>();

class InboundBus {
  private listeners = new Map<string, Set<(e: InboundEvent) => void>>();
  private started: Promise<unknown> | null = null;
  constructor(private readonly sql: Sql) {}
  subscribe(accountId: string, fn: (e: InboundEvent) => void): () => void {
    this.started ??= this.sql
      .listen('revenue_inbound', (payload) => {
        let e: InboundEvent;
        try {
          e = JSON.parse(payload) as InboundEvent;
        } catch {
          return;
        }
        // Only this account's listeners hear it; no message body is in the payload.
        for (const l of this.listeners.get(e.account_id) ?? []) l(e);
      })
      .catch((error: Error) => {
        this.started = null;
        log('SSE_LISTEN_FAILED', { error: error.message }, 'error');
      });
    let set = this.listeners.get(accountId);
    if (!set) this.listeners.set(accountId, (set = new Set()));
    set.add(fn);
    return () => set!.delete(fn);
  }
}

function inboundBus(sql: Sql): InboundBus {
  let bus = buses.get(sql);
  if (!bus) buses.set(sql, (bus = new InboundBus(sql)));
  return bus;
}
