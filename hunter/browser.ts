/**
 * Debian's Chromium through playwright-core (never a downloaded browser), one page at a time.
 * A navigation either ends with the page's HTTP status or, after CL_HARD_TIMEOUT_MS, with
 * `timeout`: the page is closed and a fresh one opened, so a page that never finishes loading
 * cannot hang the hunter.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, errors, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserOptions {
  executablePath: string;
  headless: boolean;
  slowMo: number;
  hardTimeoutMs: number;
  waitSelectorMs: number;
}

export type Navigation =
  | { kind: 'loaded'; status: number }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

/** Resolves with the promise's value, or rejects after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class HunterBrowser {
  private context: BrowserContext | null = null;
  private current: Page | null = null;

  private constructor(
    private readonly browser: Browser,
    private readonly options: BrowserOptions,
  ) {}

  /** A fresh profile every launch (Playwright's temporary user-data dir); nothing is downloaded. */
  static async launch(options: BrowserOptions): Promise<HunterBrowser> {
    const browser = await chromium.launch({
      executablePath: options.executablePath,
      headless: options.headless,
      slowMo: options.slowMo,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    return new HunterBrowser(browser, options);
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  /** The one page; opened on first use and after every reset. */
  async page(): Promise<Page> {
    if (this.current && !this.current.isClosed()) return this.current;
    if (!this.context) this.context = await this.browser.newContext({ acceptDownloads: false });
    const page = await this.context.newPage();
    page.setDefaultTimeout(this.options.waitSelectorMs);
    page.setDefaultNavigationTimeout(this.options.hardTimeoutMs);
    this.current = page;
    return page;
  }

  async goto(url: string): Promise<Navigation> {
    const page = await this.page();
    try {
      // Playwright's own timeout should fire first; the outer one guards against it not firing.
      const response = await withTimeout(
        page.goto(url, { waitUntil: 'domcontentloaded', timeout: this.options.hardTimeoutMs }),
        this.options.hardTimeoutMs + 2_000,
        'navigation',
      );
      return { kind: 'loaded', status: response?.status() ?? 200 };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof errors.TimeoutError || /took longer|ERR_TIMED_OUT/.test(message)) return { kind: 'timeout' };
      return { kind: 'error', message: message.split('\n')[0] ?? message };
    }
  }

  /** Closes the page (and, if that hangs, the whole context); the next page() opens a fresh one. */
  async reset(): Promise<void> {
    const page = this.current;
    this.current = null;
    if (!page) return;
    try {
      await withTimeout(page.close({ runBeforeUnload: false }), 3_000, 'page close');
    } catch {
      const context = this.context;
      this.context = null;
      await withTimeout(context?.close() ?? Promise.resolve(), 3_000, 'context close').catch(() => {});
    }
  }

  /**
   * Saves a screenshot and the HTML of the current page; returns their paths. Either file
   * is still written (as a placeholder) when the page cannot give it, so evidence is never
   * silently missing.
   */
  async saveEvidence(dir: string, stem: string): Promise<{ screenshot: string; html: string }> {
    await mkdir(dir, { recursive: true });
    const screenshot = path.join(dir, `${stem}.png`);
    const html = path.join(dir, `${stem}.html`);
    const page = this.current;
    try {
      if (!page) throw new Error('no page');
      await page.screenshot({ path: screenshot, timeout: 5_000, animations: 'disabled', caret: 'initial' });
    } catch {
      await writeFile(screenshot, Buffer.alloc(0));
    }
    try {
      if (!page) throw new Error('no page');
      await writeFile(html, await withTimeout(page.content(), 5_000, 'page content'));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'unknown';
      await writeFile(html, `<!-- page HTML unavailable: ${String(reason).replace(/--/g, '-')} -->\n`);
    }
    return { screenshot, html };
  }

  async close(): Promise<void> {
    await withTimeout(this.browser.close(), 5_000, 'browser close').catch(() => {});
  }
}
