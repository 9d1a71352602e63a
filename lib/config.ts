import { z } from 'zod';

/** Treat `VAR=` (empty) the same as an unset variable. */
const optionalString = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().optional());

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// or postgresql:// URL' });

const EnvSchema = z.object({
  DATABASE_URL: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), postgresUrl.optional()),
  /**
   * A hot standby (streaming replica) of DATABASE_URL. When set, the console's
   * read-only pages read through a pool on it (README "Read replica"); unset:
   * everything reads the primary.
   */
  DATABASE_REPLICA_URL: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), postgresUrl.optional()),
  HOST: optionalString.transform((v) => v ?? '127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: optionalString.transform((v) => v ?? '.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** As root: where the embedded cluster and a copy of its binaries live (default /var/lib/revenue-os). */
  EMBEDDED_PG_STATE_DIR: optionalString,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Touches one dispatch_touches job claims in one transaction (brain.claim_touches). */
  DISPATCH_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /**
   * Provider calls one dispatch_touches job has in flight at once; default DISPATCH_BATCH_SIZE.
   * Below the batch size, a send whose slot has come may wait for a free call behind slow
   * provider answers, start late and crowd its sender's next second.
   */
  DISPATCH_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** json: one JSON line per event; pretty: one readable line. Default: pretty on a terminal, json otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  /** Public URL providers call back (status callbacks, webhooks) and links point to. */
  PUBLIC_BASE_URL: optionalString.transform((v) => (v ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')),
  /** Public WebSocket URL of the voice gateway, where calls stream their audio. */
  VOICE_GATEWAY_PUBLIC_URL: optionalString.transform((v) => (v ?? 'ws://127.0.0.1:8080').replace(/\/+$/, '')),
  VOICE_GATEWAY_TOKEN: optionalString,
  /** Bearer token of the gateway's calls to /api/voice/*; defaults to VOICE_GATEWAY_TOKEN. */
  VOICE_OUTCOME_TOKEN: optionalString,
  /** Master key sealing provider credentials (lib/secrets.ts). Generated into DATA_DIR/master-key when unset. */
  REVENUE_OS_MASTER_KEY: optionalString,
  /** The previous master key while a rotation is rolled out (make rotate-key). */
  REVENUE_OS_PREVIOUS_MASTER_KEY: optionalString,
  /** Secret that signs links sent to leads (unsubscribe). Generated into DATA_DIR when unset. */
  APP_SECRET: optionalString,
  WORKER_ID: optionalString,
  /** 'off' runs the worker without worker/crontab (tests, extra worker processes). */
  WORKER_CRONTAB: z.enum(['on', 'off']).default('on'),
  // Each worker process beats every WORKER_HEARTBEAT_MS; one silent for WORKER_DEAD_AFTER_MS is declared dead.
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  WORKER_DEAD_AFTER_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
});

export type AppConfig = z.infer<typeof EnvSchema>;

/** Reads and validates the environment once; callers pass the result down. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
