/**
 * Security headers on every response, ours or an error's. A route that sets
 * one of them itself (the unsubscribe page's stricter Referrer-Policy) keeps
 * its own value.
 *
 * The Content-Security-Policy allows scripts and styles from this origin only:
 * the console has no inline script, inline event handler or style attribute
 * (views/assets/app.js holds the behaviour; htmx's own indicator styles are off
 * and live in app.css). htmx needs no eval because no hx-on or js: expression
 * is used. The one inline <style> (the unsubscribe page) is allowed by its hash.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PAGE_STYLE } from './unsubscribe.ts';

const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${styleHash(PAGE_STYLE)}`,
  // Pico draws its checkbox and select icons as data: SVG images.
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** HSTS only when the public URL is https (a browser would refuse plain http for months). */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  const headers: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    // same-origin: our own posts still carry a Referer; nothing leaks to other sites.
    ['Referrer-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
  ];
  if (options.https) headers.push(['Strict-Transport-Security', 'max-age=15552000; includeSubDomains']);
  return async (c, next) => {
    await next();
    for (const [name, value] of headers) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}
