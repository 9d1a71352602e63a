/**
 * Where things are on the site, from CL_BASE_URL (a template with {city}): the search page of
 * a city, and which links are postings the hunter may open.
 */

const CITY = /^[a-z][a-z0-9]{1,39}$/;
/** A posting's path ends in its numeric id: /cto/d/2015-honda-civic/7712345678.html. */
const POSTING_PATH = /\/(\d{5,20})\.html$/;

export function cityRoot(baseUrl: string, city: string): string {
  if (!CITY.test(city)) throw new Error(`not a Craigslist city name: ${city}`);
  return baseUrl.replaceAll('{city}', city);
}

/** The city's "cars & trucks - by owner" search page. */
export function searchUrl(baseUrl: string, city: string): string {
  return `${cityRoot(baseUrl, city)}/search/cto`;
}

/** Fallback when a detail task carries no URL (Craigslist redirects /cto/<id>.html to the posting). */
export function postingFallbackUrl(baseUrl: string, city: string, externalId: string): string {
  return `${cityRoot(baseUrl, city)}/cto/${externalId}.html`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the URL lies under the site root of some city: the hunter opens nothing else
 * (a search page may link to other hosts; a task row's URL is not trusted blindly).
 */
export function isSiteUrl(baseUrl: string, url: string): boolean {
  const pattern = new RegExp(
    '^' + escapeRegExp(baseUrl).replaceAll(escapeRegExp('{city}'), '[a-z][a-z0-9]{1,39}') + '(?:[/?#]|$)',
  );
  return pattern.test(url);
}

/** The posting id of a "cars & trucks - by owner" posting URL, or null for any other link. */
export function postingIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!/\/cto\//.test(parsed.pathname)) return null;
  return POSTING_PATH.exec(parsed.pathname)?.[1] ?? null;
}
