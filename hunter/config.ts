/**
 * The hunter's settings, read from the environment once and validated. The CL_* names and
 * defaults are seed 001's ("Craigslist (US) V0"); the rest are this project's.
 */
import { hostname } from 'node:os';
import { z } from 'zod';

/** `VAR=` (empty) counts as unset, so a blank line in an env file takes the default. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const flag = (fallback: '0' | '1') =>
  z.preprocess(blankAsUnset, z.enum(['0', '1']).default(fallback)).transform((v) => v === '1');
const ms = (fallback: number, min: number, max: number) =>
  z.preprocess(blankAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
const text = (fallback: string) => z.preprocess(blankAsUnset, z.string().trim().min(1).default(fallback));

const HunterEnvSchema = z
  .object({
    DATABASE_URL: z
      .string({ error: 'DATABASE_URL is required' })
      .trim()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// or postgresql:// URL' }),
    LOG_LEVEL: z.preprocess(blankAsUnset, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
    /** Recorded in craigslist_tasks_v1.claimed_by. */
    WORKER_ID: text(`${hostname()}:${process.pid}`).pipe(z.string().max(200)),
    /** Seed default "0": a visible browser. CI and the tests set 1. */
    CL_HEADLESS: flag('0'),
    /** Milliseconds Playwright waits before each browser operation. */
    CL_SLOWMO: ms(150, 0, 10_000),
    /** A navigation not done by then is goto_timeout; the page is closed and replaced. */
    CL_HARD_TIMEOUT_MS: ms(15_000, 500, 300_000),
    /** How long a page may take to show its expected elements (else detail_missing_dom). */
    CL_WAIT_SELECTOR_MS: ms(12_000, 100, 300_000),
    /** Random pause between two navigations of this hunter: min..max milliseconds. */
    CL_JITTER_MIN_MS: ms(2_000, 0, 600_000),
    CL_JITTER_MAX_MS: ms(4_000, 0, 600_000),
    /** Where failure evidence (screenshot + HTML) is written. */
    CL_SCREENSHOT_DIR: text('/tmp'),
    /** Postings a discover collects from one search page at most. */
    CL_MAX_DISCOVER: ms(50, 1, 1_000),
    /** 1: every failure saves a screenshot and the HTML and logs EVIDENCE. */
    CL_LOG_EVIDENCE: flag('1'),
    /** Site root; {city} is replaced by the task's city (the real site has it in the host name). */
    CL_BASE_URL: text('https://{city}.craigslist.org')
      .transform((v) => v.replace(/\/+$/, ''))
      .refine((v) => /^https?:\/\/[^/]+/.test(v) && v.includes('{city}'), {
        message: 'must be an http(s) URL containing {city}, e.g. https://{city}.craigslist.org',
      }),
    /** Debian's Chromium; the hunter never downloads a browser. */
    CL_CHROMIUM_PATH: text('/usr/bin/chromium'),
    /** Sleep between two claim attempts when nothing is due. */
    CL_IDLE_POLL_MS: ms(5_000, 10, 600_000),
    /** After a 403/503 this hunter also waits this long before its next navigation (any task). */
    CL_BLOCK_COOLDOWN_MS: ms(60_000, 0, 3_600_000),
    /** A visible browser (CL_HEADLESS=0) needs a display. */
    DISPLAY: z.preprocess(blankAsUnset, z.string().optional()),
    WAYLAND_DISPLAY: z.preprocess(blankAsUnset, z.string().optional()),
    /** On SIGTERM/SIGINT, how long the current task may take to finish before its claim is released. */
    CL_SHUTDOWN_GRACE_MS: ms(5_000, 0, 120_000),
  })
  .refine((c) => c.CL_JITTER_MIN_MS <= c.CL_JITTER_MAX_MS, {
    message: 'CL_JITTER_MIN_MS must not exceed CL_JITTER_MAX_MS',
    path: ['CL_JITTER_MIN_MS'],
  });

export type HunterConfig = z.infer<typeof HunterEnvSchema>;

/** Reads and validates the environment once; the result is passed down. */
export function loadHunterConfig(env: NodeJS.ProcessEnv = process.env): HunterConfig {
  const parsed = HunterEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  return parsed.data;
}
