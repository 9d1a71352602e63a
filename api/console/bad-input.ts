/**
 * Console-wide guard for bytes no route can store: a NUL (U+0000; PostgreSQL
 * text and jsonb cannot hold it) in a query parameter, a form field or a JSON
 * body, and JSON nested deeper than MAX_JSON_DEPTH. Such a request answers 400
 * `{error: 'invalid_request', reason: '<field>: contains a NUL character'}` and
 * changes nothing, instead of failing inside the SQL with a 500. Multipart and
 * CSV uploads are left to the import, which judges each row (lib/lead-row.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { NUL_MESSAGE, nulPaths } from '../../lib/lead-row.ts';
import type { ConsoleEnv } from '../auth.ts';
import { jsonDepth, MAX_JSON_DEPTH } from '../webhooks/common.ts';

function pathText(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function refused(c: Parameters<MiddlewareHandler>[0], where: string, path: (string | number)[]): Response {
  const field = pathText(path);
  return c.json({ error: 'invalid_request', reason: `${where}${field ? (where ? '.' : '') + field : ''}: ${NUL_MESSAGE}` }, 400);
}

export const refuseBadInput: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const query = new URL(c.req.url).searchParams;
  for (const [key, value] of query) {
    if (key.includes('\u0000') || value.includes('\u0000')) return refused(c, '', [key.replaceAll('\u0000', '\uFFFD')]);
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    // parseBody, not text(): Hono caches the parsed form for the route (and for
    // requireSession's CSRF field) and cannot rebuild a form from cached text.
    const form = await c.req.parseBody({ all: true });
    for (const [key, value] of Object.entries(form)) {
      const values = Array.isArray(value) ? value : [value];
      if (key.includes('\u0000') || values.some((v) => typeof v === 'string' && v.includes('\u0000'))) {
        return refused(c, '', [key.replaceAll('\u0000', '\uFFFD')]);
      }
    }
  } else if (type === 'application/json' || type.endsWith('+json') || (c.req.path.startsWith('/api/') && !c.req.path.startsWith('/api/imports') && type !== 'multipart/form-data')) {
    // The JSON API reads any body as JSON whatever its Content-Type (api/console/api.ts jsonBody).
    const text = await c.req.text();
    if (jsonDepth(text) > MAX_JSON_DEPTH) {
      return c.json({ error: 'invalid_request', reason: `body: the JSON nests deeper than ${MAX_JSON_DEPTH} levels` }, 400);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return next(); // the route answers its own invalid_json
    }
    const [first] = nulPaths(json);
    if (first) return refused(c, 'body', first.map((p) => (typeof p === 'string' ? p.replaceAll('\u0000', '\uFFFD') : p)));
  }
  return next();
};
