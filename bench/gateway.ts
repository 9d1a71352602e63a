/**
 * Voice gateway benchmark (issue 8). Everything on loopback; no database.
 *
 * This process plays the carriers (Twilio Media Streams clients, one 20 ms
 * PCMU frame every 20 ms per call, as carriers send them) and OpenAI
 * Realtime (a fake that answers every BENCH_GATEWAY_DELTA_FRAMES frames,
 * default 5, with a delta of that much audio, 100 ms: the model talks all
 * the time, a worst case, since real calls take turns; 1 makes it answer
 * every frame). Two child processes sit between them, measured in the same
 * run:
 *
 *   - baseline: a raw loopback WebSocket relay (this file with --relay) that
 *     forwards every message unchanged, one upstream socket per call;
 *   - the gateway: `node --import tsx gateway/main.ts`, as `make gateway`
 *     runs it.
 *
 * Figures:
 *   - latency per frame, carrier frame sent → frame received by the model,
 *     p50 / p99, relay and gateway alternating over several rounds; the
 *     gateway's added latency (target < 1 ms at p99);
 *   - capacity: at BENCH_GATEWAY_LEVELS concurrent calls, the gateway's CPU
 *     (utime + stime from /proc/<pid>/stat) and the relay's at the same load;
 *     CPU per call = CPU% / calls carried (frames the model received ÷ 50),
 *     median over the levels; calls one core carries at 50% CPU = 50% / that
 *     (target ≥ 100).
 *
 *   node --import tsx bench/gateway.ts        (or: make bench)
 *   BENCH_GATEWAY_CALLS (latency, default 20), BENCH_GATEWAY_ROUNDS (default 4)
 *   of BENCH_GATEWAY_SECONDS (per side, default 4), BENCH_GATEWAY_LEVELS
 *   (default 50,100,200,400).
 *
 * The added latency is judged on the median over rounds of (gateway p99 −
 * relay p99): on a shared machine one burst of someone else's load can land
 * in a single phase and would otherwise decide the figure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { ROOT } from '../db/build.ts';
import { heading, line, ms, percentile, record } from './lib.ts';

const TOKEN = 'bench-gateway-token-0123456789';
const LATENCY_CALLS = Number(process.env.BENCH_GATEWAY_CALLS ?? 20);
const LATENCY_SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 4);
const LATENCY_ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 4);
const LEVELS = (process.env.BENCH_GATEWAY_LEVELS ?? '50,100,200,400').split(',').map(Number);
const CAPACITY_SECONDS = 8;
const DELTA_FRAMES = Math.max(1, Number(process.env.BENCH_GATEWAY_DELTA_FRAMES ?? 5));
/** The model's audio: DELTA_FRAMES × 20 ms of μ-law, as one base64 delta. */
const DELTA = Buffer.from(Array.from({ length: 160 * DELTA_FRAMES }, (_, i) => 0x20 + ((i * 53) % 0x5f))).toString('base64');
const FRAME_MS = 20;

// ---------------------------------------------------------------------------------------------
// --relay: the baseline, a WebSocket relay that forwards each message as it is.

function relayMain(): void {
  const port = Number(process.env.RELAY_PORT);
  const upstreamUrl = process.env.RELAY_UPSTREAM!;
  const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 1 << 20 });
  wss.on('connection', (client) => {
    const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
    const queued: WebSocket.RawData[] = [];
    upstream.on('open', () => {
      for (const m of queued) upstream.send(m, { binary: false });
      queued.length = 0;
    });
    client.on('message', (data) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: false });
      else queued.push(data);
    });
    upstream.on('message', (data) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: false });
    });
    client.on('close', () => upstream.close());
    upstream.on('close', () => client.close());
    client.on('error', () => upstream.terminate());
    upstream.on('error', () => client.terminate());
  });
  wss.on('listening', () => process.stdout.write('RELAY_LISTENING\n'));
}

// ---------------------------------------------------------------------------------------------
// The fake model: records when each frame arrives and answers it with an audio delta.

interface ModelSide {
  url: string;
  /** Latencies (ms) of frames whose send time was recorded, since the last reset. */
  samples: number[];
  framesIn: number;
  sessions: number;
  sessionUpdates: number;
  reset(): void;
  close(): Promise<void>;
}

/** Send times by call and frame: sentAt[call][frame % RING]. */
const RING = 4096;
const sentAt: Float64Array[] = [];
let measuring = false;

function payloadOf(s: string): string | null {
  let i = s.indexOf('"audio":"');
  if (i >= 0) i += 9;
  else {
    i = s.indexOf('"payload":"');
    if (i < 0) return null;
    i += 11;
  }
  const end = s.indexOf('"', i);
  return end > i ? s.slice(i, end) : null;
}

async function startModel(): Promise<ModelSide> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 1 << 20 });
  const side: ModelSide = {
    url: '',
    samples: [],
    framesIn: 0,
    sessions: 0,
    sessionUpdates: 0,
    reset() {
      this.samples = [];
      this.framesIn = 0;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  wss.on('connection', (ws) => {
    side.sessions++;
    let frames = 0;
    ws.send('{"type":"session.created","session":{"id":"sess_bench","type":"realtime"}}');
    ws.on('message', (data) => {
      const now = performance.now();
      const s = data.toString();
      const b64 = s.startsWith('{"type":"session.update"') ? null : payloadOf(s);
      if (b64 === null) {
        if (s.includes('"session.update"')) side.sessionUpdates++;
        return;
      }
      side.framesIn++;
      const head = Buffer.from(b64.slice(0, 8), 'base64');
      const call = head.readUInt16BE(0);
      const frame = head.readUInt32BE(2);
      const t0 = sentAt[call]?.[frame % RING];
      if (measuring && t0 !== undefined && t0 > 0) side.samples.push(now - t0);
      if (++frames % DELTA_FRAMES === 0) {
        ws.send(`{"type":"response.output_audio.delta","response_id":"resp_bench","item_id":"item_bench","output_index":0,"content_index":0,"delta":"${DELTA}"}`);
      }
    });
    ws.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  side.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/realtime`;
  return side;
}

/** The API the gateway reports to: no context, every outcome accepted. */
async function startApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/api/voice/outcome')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"outcome":"recorded"}');
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown_call"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The carriers.

/** 160 bytes of speech-like μ-law; bytes 0–5 carry the call and frame numbers. */
const BODY = Buffer.from(Array.from({ length: 160 }, (_, i) => 0x20 + ((i * 37) % 0x5f)));

class Call {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  framesOut = 0;
  #frame = 0;
  #timer: NodeJS.Timeout | null = null;
  readonly #buf = Buffer.from(BODY);

  constructor(
    readonly index: number,
    url: string,
  ) {
    sentAt[index] = new Float64Array(RING);
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    this.ws.on('message', () => {
      this.framesOut++;
    });
  }

  start(): void {
    const sid = `MZ${String(this.index).padStart(32, '0')}`;
    this.ws.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
    this.ws.send(
      JSON.stringify({
        event: 'start',
        sequenceNumber: '1',
        streamSid: sid,
        start: {
          streamSid: sid,
          callSid: `CA${String(this.index).padStart(32, '0')}`,
          tracks: ['inbound'],
          customParameters: {},
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      }),
    );
  }

  /** One frame every 20 ms, from a random phase so the calls do not all send at once. */
  stream(): void {
    const sid = `MZ${String(this.index).padStart(32, '0')}`;
    const tick = () => {
      const n = ++this.#frame;
      this.#buf.writeUInt16BE(this.index, 0);
      this.#buf.writeUInt32BE(n, 2);
      const message = `{"event":"media","sequenceNumber":"${n + 1}","media":{"track":"inbound","chunk":"${n}","timestamp":"${n * FRAME_MS}","payload":"${this.#buf.toString('base64')}"},"streamSid":"${sid}"}`;
      sentAt[this.index]![n % RING] = performance.now();
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
    };
    setTimeout(() => {
      tick();
      this.#timer = setInterval(tick, FRAME_MS);
    }, Math.random() * FRAME_MS);
  }

  async hangUp(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(`{"event":"stop","sequenceNumber":"${this.#frame + 2}","streamSid":"MZ${String(this.index).padStart(32, '0')}"}`);
      this.ws.close(1000);
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.ws.terminate();
          resolve();
        }, 2000);
        this.ws.once('close', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes and their CPU.

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return p;
}

interface Child {
  proc: ChildProcess;
  pid: number;
  wsUrl: string;
  stop(): Promise<void>;
}

/** Spawns a node child; resolves when its stdout matches `ready` (null: at once). Its output is drained. */
function spawnUntil(args: string[], env: NodeJS.ProcessEnv, ready: RegExp | null): Promise<ChildProcess> {
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (ready === null) {
    proc.stdout!.resume();
    proc.stderr!.resume();
    return Promise.resolve(proc);
  }
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve(proc);
      } else if (out.length > 1 << 20) out = out.slice(-4096);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`)));
  });
}

async function stopChild(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const t = setTimeout(() => proc.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(t);
}

async function startRelay(modelUrl: string): Promise<Child> {
  const port = await freePort();
  const proc = await spawnUntil(
    ['--import', 'tsx', 'bench/gateway.ts', '--relay'],
    { PATH: process.env.PATH, HOME: process.env.HOME, RELAY_PORT: String(port), RELAY_UPSTREAM: modelUrl },
    /RELAY_LISTENING/,
  );
  return { proc, pid: proc.pid!, wsUrl: `ws://127.0.0.1:${port}/twilio?token=${TOKEN}`, stop: () => stopChild(proc) };
}

async function startGateway(modelUrl: string, apiUrl: string): Promise<Child> {
  const port = await freePort();
  const proc = await spawnUntil(
    ['--import', 'tsx', 'gateway/main.ts'],
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      VOICE_GATEWAY_TOKEN: TOKEN,
      VOICE_GATEWAY_PORT: String(port),
      VOICE_GATEWAY_PUBLIC_URL: `ws://127.0.0.1:${port}`,
      VOICE_MAX_CALLS: '5000',
      OPENAI_API_KEY: 'sk-bench-not-a-key',
      OPENAI_REALTIME_URL: modelUrl,
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      VOICE_API_BASE_URL: apiUrl,
      LOG_LEVEL: 'warn',
    },
    null,
  );
  // Readiness: /healthz answers.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('the gateway did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, pid: proc.pid!, wsUrl: `ws://127.0.0.1:${port}/twilio?token=${TOKEN}`, stop: () => stopChild(proc) };
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let nextCall = 0;

/** Opens n calls on `child`, waits until each is bridged, starts the frames. */
async function openCalls(child: Child, model: ModelSide, n: number, bridged: boolean): Promise<Call[]> {
  const sessionsBefore = model.sessionUpdates;
  const connectionsBefore = model.sessions;
  const calls: Call[] = [];
  for (let i = 0; i < n; i++) calls.push(new Call(nextCall++ % 65_000, child.wsUrl));
  await Promise.all(calls.map((c) => c.opened));
  for (const c of calls) c.start();
  if (bridged) await until(() => model.sessionUpdates >= sessionsBefore + n, `${n} Realtime sessions`);
  else await until(() => model.sessions >= connectionsBefore + n, `${n} relay upstreams`);
  for (const c of calls) c.stream();
  return calls;
}

async function hangUpAll(calls: Call[]): Promise<void> {
  await Promise.all(calls.map((c) => c.hangUp()));
}

function cpuOf(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return NaN;
  }
}

async function latencyPhase(child: Child, model: ModelSide, bridged: boolean): Promise<number[]> {
  const calls = await openCalls(child, model, LATENCY_CALLS, bridged);
  await new Promise((r) => setTimeout(r, 1000));
  model.reset();
  measuring = true;
  await new Promise((r) => setTimeout(r, LATENCY_SECONDS * 1000));
  measuring = false;
  const samples = model.samples;
  model.reset();
  await hangUpAll(calls);
  return samples;
}

interface Load {
  calls: number;
  framesInPerSecond: number;
  framesOutPerSecond: number;
  cpu: number;
  benchCpu: number;
}

async function loadPhase(child: Child, model: ModelSide, n: number, bridged: boolean): Promise<Load> {
  const calls = await openCalls(child, model, n, bridged);
  await new Promise((r) => setTimeout(r, 2000));
  model.reset();
  const outBefore = calls.reduce((s, c) => s + c.framesOut, 0);
  const cpu0 = cpuOf(child.pid);
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, CAPACITY_SECONDS * 1000));
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuOf(child.pid);
  const self1 = process.cpuUsage(self0);
  const load: Load = {
    calls: n,
    framesInPerSecond: model.framesIn / seconds,
    framesOutPerSecond: (calls.reduce((s, c) => s + c.framesOut, 0) - outBefore) / seconds,
    cpu: (cpu1 - cpu0) / seconds,
    benchCpu: (self1.user + self1.system) / 1e6 / seconds,
  };
  await hangUpAll(calls);
  return load;
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

async function main(): Promise<void> {
  heading(
    `Voice gateway benchmark: loopback; per call 50 caller frames/s (20 ms) in, one ${DELTA_FRAMES * 20} ms model delta every ${DELTA_FRAMES * 20} ms out; ${LATENCY_CALLS} calls for latency, levels ${LEVELS.join('/')} for capacity`,
  );
  line('machine: cores / load average (1 min) at start', `${availableParallelism()} / ${loadavg()[0]!.toFixed(2)}`);
  const model = await startModel();
  const api = await startApi();
  const relay = await startRelay(model.url);
  const gateway = await startGateway(model.url, api.url);
  try {
    heading(`latency: carrier frame in → model frame out (${LATENCY_CALLS} calls; ${LATENCY_ROUNDS} rounds of ${LATENCY_SECONDS} s per side, alternating)`);
    const relaySamples: number[] = [];
    const gatewaySamples: number[] = [];
    const roundAdded: { p50: number; p99: number }[] = [];
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    for (let round = 0; round < LATENCY_ROUNDS; round++) {
      // Alternate which side goes first, so neither always follows the other.
      const first = round % 2 === 0;
      const r1 = first ? await latencyPhase(relay, model, false) : [];
      const g = sorted(await latencyPhase(gateway, model, true));
      const r = sorted(first ? r1 : await latencyPhase(relay, model, false));
      relaySamples.push(...r);
      gatewaySamples.push(...g);
      roundAdded.push({ p50: percentile(g, 50) - percentile(r, 50), p99: percentile(g, 99) - percentile(r, 99) });
    }
    relaySamples.sort((a, b) => a - b);
    gatewaySamples.sort((a, b) => a - b);
    const r50 = percentile(relaySamples, 50);
    const r99 = percentile(relaySamples, 99);
    const g50 = percentile(gatewaySamples, 50);
    const g99 = percentile(gatewaySamples, 99);
    const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
    const added99 = median(roundAdded.map((a) => a.p99));
    line(`raw WebSocket relay      p50 / p99 (n=${relaySamples.length})`, `${ms(r50)} / ${ms(r99)}`);
    line(`gateway                  p50 / p99 (n=${gatewaySamples.length})`, `${ms(g50)} / ${ms(g99)}`);
    line('added by the gateway, all rounds   p50 / p99', `${ms(g50 - r50)} / ${ms(g99 - r99)}`);
    line('added, per round                   p99', roundAdded.map((a) => ms(a.p99)).join(', '));
    line('added, median of rounds            p50 / p99', `${ms(median(roundAdded.map((a) => a.p50)))} / ${ms(added99)}`);
    line('ratio gateway / relay              p50 / p99', `${(g50 / r50).toFixed(2)} / ${(g99 / r99).toFixed(2)}`);
    line('target: < 1 ms added at p99 (median of rounds)', added99 < 1 ? 'MET' : 'NOT MET');
    record({
      bench: 'gateway', metric: 'voice: ms added at p99; ratio gateway÷relay p99', unit: 'ms',
      figure: added99, baseline: r99, ratio: g99 / r99, target: { of: 'figure', op: '<', value: 1 },
    });

    heading(`capacity: CPU of one process at N concurrent calls (${CAPACITY_SECONDS} s each)`);
    process.stdout.write(`${'calls'.padStart(6)} ${'frames in/s'.padStart(12)} ${'deltas out/s'.padStart(13)} ${'gateway CPU'.padStart(12)} ${'relay CPU'.padStart(10)} ${'ratio'.padStart(6)} ${'load generator CPU'.padStart(19)}\n`);
    const perCall: number[] = [];
    const relayPerCall: number[] = [];
    for (const n of LEVELS) {
      const g = await loadPhase(gateway, model, n, true);
      const r = await loadPhase(relay, model, n, false);
      // Calls actually carried (frames the model received / 50), so a saturated load generator is not flattering.
      const carried = g.framesInPerSecond / 50;
      const cost = g.cpu / carried;
      perCall.push(cost);
      relayPerCall.push(r.cpu / (r.framesInPerSecond / 50));
      process.stdout.write(
        `${String(n).padStart(6)} ${g.framesInPerSecond.toFixed(0).padStart(12)} ${g.framesOutPerSecond.toFixed(0).padStart(13)} ${pct(g.cpu).padStart(12)} ${pct(r.cpu).padStart(10)} ${(g.cpu / r.cpu).toFixed(2).padStart(6)} ${pct(g.benchCpu).padStart(19)}   ${(cost * 100).toFixed(2)}% of a core per call → ${(0.5 / cost).toFixed(0)} calls at 50%\n`,
      );
    }
    const cost = [...perCall].sort((a, b) => a - b)[Math.floor(perCall.length / 2)]!;
    line('CPU per call, median of the levels', `${(cost * 100).toFixed(2)}% of one core`);
    line('calls one core carries at 50% CPU', (0.5 / cost).toFixed(0));
    line('target: ≥ 100 calls at 50% of one core', 0.5 / cost >= 100 ? 'MET' : 'NOT MET');
    const relayCost = [...relayPerCall].sort((a, b) => a - b)[Math.floor(relayPerCall.length / 2)]!;
    record({
      bench: 'gateway', metric: 'voice calls per core at 50% ÷ raw relay', unit: 'calls',
      figure: 0.5 / cost, baseline: 0.5 / relayCost, target: { of: 'figure', op: '>=', value: 100 },
    });
    line('machine load average (1 min) at end', loadavg()[0]!.toFixed(2));
  } finally {
    await gateway.stop();
    await relay.stop();
    await model.close();
    await api.close();
  }
}

if (process.argv.includes('--relay')) {
  relayMain();
} else {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
