/**
 * The voice gateway (issue 8): Telnyx and Twilio media streams bridged to the
 * OpenAI Realtime API, PCMU end to end. A standalone process with no database
 * connection: call context and outcomes go through the API
 * (/api/voice/context, /api/voice/outcome).
 *
 *   make gateway          # or: node --import tsx gateway/main.ts
 *
 * Settings: see gateway/config.ts and the README section "Voice gateway".
 * SIGTERM/SIGINT: calls under way are ended, their outcomes posted, then exit 0.
 */
import { log, setLogLevel } from '../lib/log.ts';
import { describeConfig, loadGatewayConfig, type GatewayConfig } from './config.ts';

const HELP = `Revenue OS voice gateway: Telnyx and Twilio media streams bridged to OpenAI Realtime (PCMU only).

Usage: make gateway            (or: node --import tsx gateway/main.ts)

Required:
  VOICE_GATEWAY_TOKEN     16+ characters; carriers present it (?token= or the Twilio "token" parameter)
  OPENAI_API_KEY          (or OPEN_AI_KEY, OPEN_API_KEY) for Realtime and text-to-speech

Common:
  VOICE_GATEWAY_PORT      listen port (else PORT, else 8080); HOST (default 127.0.0.1)
  VOICE_API_BASE_URL      the API that serves /api/voice/* (default PUBLIC_BASE_URL, else http://127.0.0.1:3000)
  VOICE_OUTCOME_TOKEN     Bearer token for /api/voice/* (default VOICE_GATEWAY_TOKEN)
  VOICE_MAX_CALLS         concurrent calls (default 100)
  OPENAI_REALTIME_URL, OPENAI_REALTIME_MODEL, TELNYX_API_KEY, TELNYX_PUBLIC_KEY,
  VOICE_WEBHOOK_FORWARD_URL, SUPABASE_VOICE_HANDOFF_URL / _TOKEN: see the README, "Voice gateway".

Paths: GET /healthz, POST /telnyx/webhook, WebSocket /telnyx and /twilio.
Stop with Ctrl-C: calls under way are ended and their outcomes posted.
`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  setLogLevel(config.logLevel);
  // Loaded after the configuration is known good: a bad environment fails in a moment.
  const { createGateway } = await import('./server.ts');
  const gateway = createGateway(config);
  const address = await gateway.listen();
  log('VOICE_GATEWAY_LISTENING', { ...describeConfig(config), port: address.port, pid: process.pid });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('VOICE_GATEWAY_STOPPING', { signal, active_calls: gateway.activeCalls().total });
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    gateway
      .close()
      .then(() => {
        log('VOICE_GATEWAY_STOPPED', {});
        process.exit(0);
      })
      .catch((error: Error) => {
        log('VOICE_GATEWAY_STOP_FAILED', { error: error.message }, 'error');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: Error) => {
  log('VOICE_GATEWAY_FAILED', { error: error.message }, 'error');
  process.exit(1);
});
