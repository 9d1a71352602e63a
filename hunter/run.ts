/**
 * One claimed task, start to end: open its page (after the politeness pause), read it, and
 * finish it with one SQL call — complete_discover_v1, complete_detail_v1, or fail_task_v1 with
 * a failure code. The decisions (dedupe, backoff, retries) are the database's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Sql } from '../db/client.ts';
import { log } from '../lib/log.ts';
import type { HunterBrowser } from './browser.ts';
import type { HunterConfig } from './config.ts';
import { SEARCH_READY, readListingPage, readSearchPage, toListing, waitForDetail } from './extract.ts';
import { isSiteUrl, postingFallbackUrl, searchUrl } from './site.ts';

export const TaskSchema = z.object({
  id: z.string().uuid(),
  task_type: z.enum(['discover', 'detail']),
  city: z.string(),
  url: z.string().nullable(),
  external_id: z.string().nullable(),
  attempts: z.number().int(),
});
export type Task = z.infer<typeof TaskSchema>;

/** Failure codes of seed 001, plus the hunter's own for what the seed does not name. */
export type FailureCode =
  | 'blocked_403'
  | 'blocked_503'
  | 'detail_missing_dom'
  | 'goto_timeout'
  | 'discover_missing_dom'
  | 'goto_error'
  | `http_${number}`;

/** Random pause between two navigations, and a longer one after a block. */
export class Politeness {
  private nextAllowedAt = 0;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly blockCooldownMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Waits until the pause after the previous navigation has passed (at once for the first). */
  async beforeNavigation(signal: AbortSignal): Promise<void> {
    const wait = this.nextAllowedAt - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal });
    signal.throwIfAborted();
  }

  afterNavigation(blocked: boolean): void {
    const jitter = this.minMs + Math.floor(this.random() * (this.maxMs - this.minMs + 1));
    this.nextAllowedAt = Date.now() + jitter + (blocked ? this.blockCooldownMs : 0);
  }
}

export interface RunDeps {
  sql: Sql;
  browser: HunterBrowser;
  config: HunterConfig;
  politeness: Politeness;
  signal: AbortSignal;
}

export function targetUrl(task: Task, baseUrl: string): string {
  if (task.url && isSiteUrl(baseUrl, task.url)) return task.url;
  if (task.task_type === 'discover') return searchUrl(baseUrl, task.city);
  return postingFallbackUrl(baseUrl, task.city, task.external_id ?? '');
}

/** Evidence (when CL_LOG_EVIDENCE=1), then fail_task_v1; the SQL decides retry and backoff. */
export async function failTask(task: Task, code: FailureCode, deps: RunDeps): Promise<void> {
  const { config, browser, sql } = deps;
  if (config.CL_LOG_EVIDENCE) {
    const stem = `craigslist-${task.id}-${code}-${Date.now()}`;
    const files = await browser.saveEvidence(config.CL_SCREENSHOT_DIR, stem);
    log('EVIDENCE', { task_id: task.id, code, screenshot: files.screenshot, html: files.html }, 'warn');
  }
  if (code === 'goto_timeout' || code === 'goto_error') await browser.reset();
  const [row] = await sql<{ result: { status: string; retry_at: string | null } }[]>`
    select lead_hunter.fail_task_v1(${task.id}, ${config.WORKER_ID}, ${code}) as result`;
  log('HUNTER_TASK_FAILED', {
    task_id: task.id,
    task_type: task.task_type,
    code,
    status: row?.result.status,
    retry_at: row?.result.retry_at ?? null,
  }, 'warn');
}

export async function runTask(task: Task, deps: RunDeps): Promise<void> {
  const { browser, config, politeness, signal, sql } = deps;
  const url = targetUrl(task, config.CL_BASE_URL);

  await politeness.beforeNavigation(signal);
  const nav = await browser.goto(url);
  const blocked = nav.kind === 'loaded' && (nav.status === 403 || nav.status === 503);
  politeness.afterNavigation(blocked);
  if (blocked && config.CL_BLOCK_COOLDOWN_MS > 0) {
    log('HUNTER_BLOCK_COOLDOWN', { task_id: task.id, status: nav.status, pause_ms: config.CL_BLOCK_COOLDOWN_MS }, 'warn');
  }

  // A navigation cut short by shutdown is not the page's fault: the caller releases the claim.
  if (signal.aborted && nav.kind !== 'loaded') throw new Error('stopping: navigation interrupted');
  if (nav.kind === 'timeout') return failTask(task, 'goto_timeout', deps);
  if (nav.kind === 'error') {
    log('HUNTER_GOTO_ERROR', { task_id: task.id, error: nav.message }, 'warn');
    return failTask(task, 'goto_error', deps);
  }
  if (nav.status === 403) return failTask(task, 'blocked_403', deps);
  if (nav.status === 503) return failTask(task, 'blocked_503', deps);
  if (nav.status >= 400) return failTask(task, `http_${nav.status}`, deps);

  const page = await browser.page();
  if (task.task_type === 'discover') {
    try {
      await page.locator(SEARCH_READY).first().waitFor({ state: 'attached', timeout: config.CL_WAIT_SELECTOR_MS });
    } catch {
      return failTask(task, 'discover_missing_dom', deps);
    }
    const postings = await readSearchPage(page, config.CL_BASE_URL, config.CL_MAX_DISCOVER);
    const [row] = await sql<{ result: { postings_seen: number; detail_tasks_queued: number } }[]>`
      select lead_hunter.complete_discover_v1(${task.id}, ${config.WORKER_ID}, ${sql.json(postings)}) as result`;
    log('HUNTER_DISCOVER_DONE', {
      task_id: task.id,
      city: task.city,
      postings: row?.result.postings_seen ?? postings.length,
      queued: row?.result.detail_tasks_queued ?? 0,
    });
    return;
  }

  if (!(await waitForDetail(page, config.CL_WAIT_SELECTOR_MS))) return failTask(task, 'detail_missing_dom', deps);
  const listing = toListing(await readListingPage(page), page.url());
  if (!listing) return failTask(task, 'detail_missing_dom', deps);
  const [row] = await sql<{ result: { lead_id: string; created: boolean; matched_by: string } }[]>`
    select lead_hunter.complete_detail_v1(${task.id}, ${config.WORKER_ID}, ${sql.json(listing)}) as result`;
  log('HUNTER_DETAIL_DONE', {
    task_id: task.id,
    lead_id: row?.result.lead_id,
    created: row?.result.created,
    matched_by: row?.result.matched_by,
    has_phone: listing.phone !== undefined,
    has_email: listing.email !== undefined,
  });
}
