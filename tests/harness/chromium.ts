/**
 * Real Chromium (Debian's, driven by playwright-core) for the console's browser tests:
 * one page at 1280×900 that records every Content-Security-Policy violation, and
 * shot(name), which saves the page at 1280 and 390 px to artifacts/screenshots/ and
 * fails when the 390 px page scrolls sideways.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS } from '../../hunter/browser.ts';

export const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'artifacts', 'screenshots');

export interface ConsoleChromium {
  browser: Browser;
  page: Page;
  /** CSP violations the page reported, as "<directive> <blocked URI> <file>:<line>". */
  violations: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openChromium(): Promise<ConsoleChromium> {
  await mkdir(SHOTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      window.reportCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));`,
  });
  const shot = async (name: string) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  return { browser, page, violations, shot, close: () => browser.close() };
}
