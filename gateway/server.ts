/**
 * The gateway's own HTTP server (no database connection):
 *   GET  /healthz         active calls by carrier and the VOICE_MAX_CALLS limit
 *   POST /telnyx/webhook  Telnyx Call Control webhooks (gateway/call-control.ts)
 *   WS   /telnyx          Telnyx media streaming
 *   WS   /twilio          Twilio Media Streams
 *
 * A media stream needs VOICE_GATEWAY_TOKEN, compared in constant time: in the
 * query (`?token=`), or for /twilio in the start message's custom parameters
 * (Twilio drops query strings from <Stream> URLs). A wrong token in the query
 * is refused at the upgrade (401). /telnyx without a token is let in only when
 * VOICE_GATEWAY_ALLOW_TELNYX_WITHOUT_TOKEN=1, and each such connection is
 * logged AUTH_BYPASS_TELNYX. Beyond VOICE_MAX_CALLS the upgrade gets 503.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { log } from '../lib/log.ts';
import { CallBridge } from './bridge.ts';
import { createCallControl, WEBHOOK_PATH, type CallControl } from './call-control.ts';
import { asUuid, type CarrierName } from './carrier.ts';
import type { GatewayConfig } from './config.ts';
import { createCallApi, type CallApi } from './outcome.ts';
import { secretsEqual } from './signatures.ts';
import { telnyxStream } from './telnyx.ts';
import { createTts, type Tts } from './tts.ts';
import { twilioStream } from './twilio.ts';

const WEBHOOK_MAX_BYTES = 1024 * 1024;

export interface GatewayOverrides {
  api?: CallApi;
  tts?: Tts;
  callControl?: CallControl;
}

export interface Gateway {
  readonly server: http.Server;
  readonly callControl: CallControl;
  listen(): Promise<AddressInfo>;
  /** http://host:port once listening. */
  url(): string;
  activeCalls(): { total: number; telnyx: number; twilio: number };
  /** Resolves when every ended call's outcome post and hand-off have finished. */
  settled(): Promise<void>;
  /** Stops accepting, ends the calls under way (their outcomes are still posted), closes. */
  close(): Promise<void>;
}

function refuseUpgrade(socket: Socket, status: number, reason: string): void {
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function createGateway(config: GatewayConfig, overrides: GatewayOverrides = {}): Gateway {
  const api = overrides.api ?? createCallApi(config);
  const tts = overrides.tts ?? createTts(config);
  const callControl = overrides.callControl ?? createCallControl(config);
  const bridges = new Set<CallBridge>();
  const ended = new Set<CallBridge>();
  let upgrading = 0;
  const startedAt = Date.now();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 * 1024 });

  function counts(): { total: number; telnyx: number; twilio: number } {
    let telnyx = 0;
    for (const b of bridges) if (b.carrier === 'telnyx') telnyx++;
    return { total: bridges.size, telnyx, twilio: bridges.size - telnyx };
  }

  const deps = {
    config,
    api,
    tts,
    callControl,
    onEnd(bridge: CallBridge) {
      bridges.delete(bridge);
      ended.add(bridge);
      void bridge.settled().finally(() => ended.delete(bridge));
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.local');
    if (req.method === 'GET' && url.pathname === '/healthz') {
      const c = counts();
      json(res, 200, {
        ok: true,
        service: 'voice-gateway',
        active_calls: c.total,
        calls: { telnyx: c.telnyx, twilio: c.twilio },
        max_calls: config.maxCalls,
        carrier_primary: config.carrierPrimary,
        uptime_seconds: Math.round((Date.now() - startedAt) / 1000),
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === WEBHOOK_PATH) {
      const body: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > WEBHOOK_MAX_BYTES) tooLarge = true;
        else body.push(chunk);
      });
      req.on('end', () => {
        if (tooLarge) {
          log('VOICE_WEBHOOK_REJECTED', { path: WEBHOOK_PATH, status: 413, reason: 'body_too_large' }, 'warn');
          json(res, 413, { error: 'body_too_large' });
          return;
        }
        const header = (name: string) => {
          const v = req.headers[name];
          return Array.isArray(v) ? v[0] : v;
        };
        const answer = callControl.handle({
          rawBody: Buffer.concat(body).toString('utf8'),
          search: url.search,
          signature: header('telnyx-signature-ed25519'),
          timestamp: header('telnyx-timestamp'),
          contentType: header('content-type'),
        });
        json(res, answer.status, answer.body);
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });

  server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://gateway.local');
    const carrier: CarrierName | null = url.pathname === '/telnyx' ? 'telnyx' : url.pathname === '/twilio' ? 'twilio' : null;
    if (!carrier) {
      refuseUpgrade(socket, 404, 'not_found');
      return;
    }
    const token = url.searchParams.get('token');
    let authenticated = false;
    if (token !== null) {
      if (!secretsEqual(token, config.token)) {
        log('VOICE_AUTH_REJECTED', { carrier, reason: 'invalid_token', via: 'query' }, 'warn');
        refuseUpgrade(socket, 401, 'invalid_token');
        return;
      }
      authenticated = true;
    } else if (carrier === 'telnyx') {
      if (!config.allowTelnyxWithoutToken) {
        log('VOICE_AUTH_REJECTED', { carrier, reason: 'missing_token', via: 'query' }, 'warn');
        refuseUpgrade(socket, 401, 'missing_token');
        return;
      }
      log('AUTH_BYPASS_TELNYX', { path: url.pathname, reason: 'VOICE_GATEWAY_ALLOW_TELNYX_WITHOUT_TOKEN=1' }, 'warn');
      authenticated = true;
    }
    // Twilio without a query token: the start message's custom parameter must carry it.
    if (bridges.size + upgrading >= config.maxCalls) {
      log('VOICE_CALL_LIMIT', { carrier, active_calls: bridges.size, max_calls: config.maxCalls }, 'warn');
      refuseUpgrade(socket, 503, 'too_many_calls');
      return;
    }
    upgrading++;
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      upgrading--;
      const bridge = new CallBridge(ws, carrier === 'telnyx' ? telnyxStream() : twilioStream(), deps, {
        authenticated,
        queryTouchRunId: asUuid(url.searchParams.get('touch_run_id')),
      });
      bridges.add(bridge);
    });
  });

  return {
    server,
    callControl,
    async listen(): Promise<AddressInfo> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      return server.address() as AddressInfo;
    },
    url(): string {
      const a = server.address() as AddressInfo;
      return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
    },
    activeCalls: counts,
    async settled(): Promise<void> {
      while (ended.size > 0) await Promise.allSettled([...ended].map((b) => b.settled()));
      await callControl.idle();
    },
    async close(): Promise<void> {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const b of [...bridges]) b.end('shutdown');
      while (ended.size > 0) await Promise.allSettled([...ended].map((b) => b.settled()));
      await callControl.idle();
      wss.close();
      server.closeAllConnections();
      await closing;
    },
  };
}
