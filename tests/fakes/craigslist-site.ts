/**
 * A small Craigslist-shaped site for the hunter's tests, on 127.0.0.1 and a random port.
 * Every page is written here (no copied HTML). Paths: /{city}/search/cto (a city's
 * "cars & trucks - by owner" search page) and /{city}/cto/d/{slug}/{id}.html (a posting).
 * CL_BASE_URL for it is `${site.url}/{city}`.
 *
 *   miami    lists postings 7712340001..08, and 7712340004 twice; plus links the hunter must
 *            ignore (navigation, another host)
 *   orlando  lists 7712340004 again (a miami posting, as Craigslist shows nearby areas) and 7712340009
 *   tampa    search page answers 503
 *   naples   search page never finishes loading (for the shutdown tests)
 *
 * Postings: phone in the body, email in the body, phone and name in a reply box, an invalid
 * phone, attribute groups in two layouts; 7712340006 answers 403, 7712340007 is a page
 * without the posting's elements, 7712340008 never finishes loading (the socket stays open
 * until the client gives up, which is recorded).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type PostingKind = 'ok' | 'forbidden' | 'missing_dom' | 'hang';

export interface FixturePosting {
  id: string;
  city: string;
  slug: string;
  kind: PostingKind;
  title: string;
  price: number;
  location: string;
  /** Paragraphs of the body. */
  body: string[];
  /** Hours before the server started. */
  postedHoursAgo: number;
  /** 'classic': <span>label: <b>value</b></span>; 'labelled': div.attr with span.labl/span.valu. */
  layout: 'classic' | 'labelled';
  yearMakeModel: string;
  attributes: [string, string][];
  reply?: { name?: string; tel?: string; email?: string };
  /** What the hunter should store. */
  expect?: { phone: string | null; email: string | null; contactName?: string; vehicle: Record<string, string | number> };
}

export const FIXTURE_POSTINGS: FixturePosting[] = [
  {
    id: '7712340001', city: 'miami', slug: '2014-toyota-camry-le', kind: 'ok',
    title: '2014 Toyota Camry LE - one owner', price: 8900, location: 'Hialeah',
    body: ['Runs great, cold AC, new tires last spring.', 'Call or text (305) 555-0142 after 5pm. No dealers please.'],
    postedHoursAgo: 3, layout: 'classic', yearMakeModel: '2014 toyota camry',
    attributes: [['odometer', '98,500'], ['fuel', 'gas'], ['transmission', 'automatic'], ['title status', 'clean'], ['VIN', '4T1BF1FK5EU000001']],
    expect: {
      phone: '+13055550142', email: null,
      vehicle: { year: 2014, make_model: 'toyota camry', odometer: 98500, fuel: 'gas', transmission: 'automatic', title_status: 'clean', vin: '4T1BF1FK5EU000001' },
    },
  },
  {
    id: '7712340002', city: 'miami', slug: '2017-honda-civic-ex', kind: 'ok',
    title: '2017 Honda Civic EX manual', price: 12500, location: 'Coral Gables',
    body: ['Six speed manual, sunroof, clean inside and out.', 'Serious buyers only: Jane.Seller@example.com'],
    postedHoursAgo: 5, layout: 'labelled', yearMakeModel: '2017 honda civic ex',
    attributes: [['odometer', '61,000'], ['fuel', 'gas'], ['transmission', 'manual'], ['cylinders', '4 cylinders'], ['drive', 'fwd']],
    expect: {
      phone: null, email: 'jane.seller@example.com',
      vehicle: { year: 2017, make_model: 'honda civic ex', odometer: 61000, fuel: 'gas', transmission: 'manual', cylinders: '4 cylinders', drive: 'fwd' },
    },
  },
  {
    id: '7712340003', city: 'miami', slug: '2011-ford-f150-xlt', kind: 'ok',
    title: '2011 Ford F-150 XLT crew cab', price: 14000, location: 'Doral',
    body: ['Work truck, tow package, bed liner.', 'Use the reply button to reach me.'],
    postedHoursAgo: 8, layout: 'classic', yearMakeModel: '2011 ford f-150',
    attributes: [['odometer', '142000'], ['fuel', 'gas'], ['transmission', 'automatic'], ['drive', '4wd']],
    reply: { name: 'Carlos', tel: '+17865550123' },
    expect: {
      phone: '+17865550123', email: null, contactName: 'Carlos',
      vehicle: { year: 2011, make_model: 'ford f-150', odometer: 142000, fuel: 'gas', transmission: 'automatic', drive: '4wd' },
    },
  },
  {
    id: '7712340004', city: 'miami', slug: '2009-jeep-wrangler', kind: 'ok',
    title: '2009 Jeep Wrangler Unlimited', price: 11000, location: 'Miami Beach',
    body: ['Soft top and hard top included. Lifted 2 inches.', 'Reach me at 954.555.0175'],
    postedHoursAgo: 12, layout: 'labelled', yearMakeModel: '2009 jeep wrangler unlimited',
    attributes: [['odometer', '120,300'], ['fuel', 'gas'], ['transmission', 'automatic'], ['paint color', 'red']],
    expect: {
      phone: '+19545550175', email: null,
      vehicle: { year: 2009, make_model: 'jeep wrangler unlimited', odometer: 120300, fuel: 'gas', transmission: 'automatic', paint_color: 'red' },
    },
  },
  {
    id: '7712340005', city: 'miami', slug: '2012-nissan-altima', kind: 'ok',
    title: '2012 Nissan Altima 2.5 S', price: 5200, location: 'Kendall',
    body: ['Needs a new battery, otherwise solid.', 'My number is 123-456-7890 (yes really).'],
    postedHoursAgo: 20, layout: 'classic', yearMakeModel: '2012 nissan altima',
    attributes: [['odometer', '155,000'], ['fuel', 'gas'], ['transmission', 'automatic']],
    expect: {
      phone: null, email: null,
      vehicle: { year: 2012, make_model: 'nissan altima', odometer: 155000, fuel: 'gas', transmission: 'automatic' },
    },
  },
  {
    id: '7712340006', city: 'miami', slug: '2016-bmw-328i', kind: 'forbidden',
    title: '2016 BMW 328i', price: 15500, location: 'Brickell', body: ['Blocked.'], postedHoursAgo: 2,
    layout: 'classic', yearMakeModel: '2016 bmw 328i', attributes: [],
  },
  {
    id: '7712340007', city: 'miami', slug: '2010-honda-accord', kind: 'missing_dom',
    title: '2010 Honda Accord', price: 4800, location: 'Miami', body: ['Gone.'], postedHoursAgo: 30,
    layout: 'classic', yearMakeModel: '2010 honda accord', attributes: [],
  },
  {
    id: '7712340008', city: 'miami', slug: '2013-chevy-malibu', kind: 'hang',
    title: '2013 Chevy Malibu', price: 6100, location: 'Homestead', body: ['Never loads.'], postedHoursAgo: 4,
    layout: 'classic', yearMakeModel: '2013 chevrolet malibu', attributes: [],
  },
  {
    id: '7712340009', city: 'orlando', slug: '2015-mazda-3-hatchback', kind: 'ok',
    title: '2015 Mazda 3 hatchback', price: 9700, location: 'Winter Park',
    body: ['Great on gas, bluetooth, backup camera.', 'Text +1 407 555 0110.'],
    postedHoursAgo: 6, layout: 'labelled', yearMakeModel: '2015 mazda 3',
    attributes: [['odometer', '74,000'], ['fuel', 'gas'], ['transmission', 'automatic'], ['type', 'hatchback']],
    expect: {
      phone: '+14075550110', email: null,
      vehicle: { year: 2015, make_model: 'mazda 3', odometer: 74000, fuel: 'gas', transmission: 'automatic', type: 'hatchback' },
    },
  },
];

/** The posting listed twice on miami's page and once more on orlando's. */
export const TWICE_REACHABLE_ID = '7712340004';

export interface SiteRequest {
  at: Date;
  method: string;
  path: string;
  status: number;
}

export interface CraigslistSite {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The CL_BASE_URL template for this site: http://127.0.0.1:PORT/{city} */
  baseUrl: string;
  startedAt: Date;
  requests: SiteRequest[];
  /** Paths of never-finishing pages whose connection the client closed (it gave up). */
  abandoned: string[];
  postingPath(p: FixturePosting): string;
  /** Requests for a path (query ignored). */
  hits(path: string): number;
  close(): Promise<void>;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px sans-serif;margin:1em} .price{font-weight:bold} .attrgroup{margin:.5em 0}</style>
</head><body>
${body}
</body></html>
`;
}

/** Craigslist writes datetimes with the site's offset: 2026-11-20T10:15:00-0500. */
function easternDatetime(d: Date): string {
  return new Date(d.getTime() - 5 * 3600_000).toISOString().slice(0, 19) + '-0500';
}

function attributesHtml(p: FixturePosting): string {
  if (p.layout === 'classic') {
    const rows = p.attributes.map(([k, v]) => `<span>${esc(k)}: <b>${esc(v)}</b></span>`).join('<br>\n');
    return `<div class="attrgroup"><span><b>${esc(p.yearMakeModel)}</b></span></div>
<div class="attrgroup">${rows}</div>`;
  }
  const [year, ...makeModel] = p.yearMakeModel.split(' ');
  const rows = p.attributes
    .map(([k, v]) => `<div class="attr auto_${k.replace(/\W+/g, '_')}"><span class="labl">${esc(k)}:</span> <span class="valu">${esc(v)}</span></div>`)
    .join('\n');
  return `<div class="attrgroup"><div class="attr important"><span class="valu year">${esc(year ?? '')}</span> <span class="valu makemodel"><a href="#">${esc(makeModel.join(' '))}</a></span></div></div>
<div class="attrgroup">
${rows}
</div>`;
}

function postingHtml(p: FixturePosting, postedAt: Date): string {
  const reply = p.reply
    ? `<aside class="reply-info">
  ${p.reply.name ? `<p class="reply-contact-name">${esc(p.reply.name)}</p>` : ''}
  ${p.reply.tel ? `<p><a class="reply-tel" href="tel:${esc(p.reply.tel)}">call</a> <a href="sms:${esc(p.reply.tel)}">text</a></p>` : ''}
  ${p.reply.email ? `<p><a href="mailto:${esc(p.reply.email)}">email</a></p>` : ''}
</aside>`
    : '';
  return page(
    `${p.title} - cars & trucks - by owner - vehicle automotive sale`,
    `<header class="global-header"><a href="/${p.city}/">CL</a> &gt; <a href="/${p.city}/search/cto">cars &amp; trucks - by owner</a></header>
<section class="body">
  <h1 class="postingtitle"><span class="postingtitletext"><span id="titletextonly">${esc(p.title)}</span>
    <span class="price">$${p.price.toLocaleString('en-US')}</span><small> (${esc(p.location)})</small></span></h1>
  <section class="userbody">
    <div class="mapAndAttrs">
${attributesHtml(p)}
    </div>
    <section id="postingbody"><div class="print-information print-qrcode-container"><p class="print-qrcode-label">QR Code Link to This Post</p></div>
${p.body.map((line) => esc(line)).join('<br>\n')}
    </section>
    <div class="postinginfos">
      <p class="postinginfo">post id: ${p.id}</p>
      <p class="postinginfo reveal">posted: <time class="date timeago" datetime="${easternDatetime(postedAt)}">${postedAt.toUTCString()}</time></p>
    </div>
  </section>
  ${reply}
</section>`,
  );
}

function removedHtml(p: FixturePosting): string {
  return page(
    'craigslist | post not found',
    `<header class="global-header"><a href="/${p.city}/">CL</a></header>
<div class="removed"><h2>This posting has been deleted by its author.</h2><p>(The title on the listings page will be removed in just a few minutes.)</p></div>`,
  );
}

function blockedHtml(status: number): string {
  return page(
    status === 403 ? 'blocked' : 'temporarily unavailable',
    `<h1>${status === 403 ? 'This IP has been automatically blocked.' : 'Service temporarily unavailable.'}</h1><p>If you have questions, please email the site.</p>`,
  );
}

export async function startCraigslistSite(): Promise<CraigslistSite> {
  const startedAt = new Date();
  const requests: SiteRequest[] = [];
  const abandoned: string[] = [];
  const sockets = new Set<Socket>();
  let origin = '';

  const postingPath = (p: FixturePosting) => `/${p.city}/cto/d/${p.slug}/${p.id}.html`;
  const postedAt = (p: FixturePosting) => new Date(startedAt.getTime() - p.postedHoursAgo * 3600_000);

  const searchHtml = (city: string, items: { p: FixturePosting; href: string }[], extraLinks: string) =>
    page(
      `${city} cars & trucks - by owner - craigslist`,
      `<header class="global-header"><a href="/${city}/">craigslist</a> &gt; <a href="/${city}/search/cto?sort=date">newest</a>
  <a href="/${city}/search/cto?purveyor=owner#search=1">by owner</a></header>
<main>
<ol class="cl-static-search-results">
${items
  .map(
    ({ p, href }) => `  <li class="cl-static-search-result" title="${esc(p.title)}">
    <a href="${esc(href)}"><div class="title">${esc(p.title)}</div>
      <div class="details"><div class="price">$${p.price.toLocaleString('en-US')}</div><div class="location">${esc(p.location)}</div></div></a>
  </li>`,
  )
  .join('\n')}
</ol>
${extraLinks}
</main>`,
    );

  const byId = new Map(FIXTURE_POSTINGS.map((p) => [p.id, p]));
  const miami = FIXTURE_POSTINGS.filter((p) => p.city === 'miami');

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const record = (status: number) => requests.push({ at: new Date(), method: req.method ?? 'GET', path, status });
    const send = (status: number, html: string) => {
      record(status);
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    };
    const hang = () => {
      record(200);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.write('<!doctype html><html><head><title>loading</title></head><body><p>Loading');
      res.on('close', () => {
        if (!res.writableEnded) abandoned.push(path);
      });
    };

    let m = /^\/([a-z][a-z0-9]+)\/search\/cto$/.exec(path);
    if (m) {
      const city = m[1];
      if (city === 'miami') {
        const items = miami.map((p, i) => ({ p, href: i % 2 === 0 ? `${origin}${postingPath(p)}` : postingPath(p) }));
        const twice = byId.get(TWICE_REACHABLE_ID)!;
        items.push({ p: twice, href: `${origin}${postingPath(twice)}?lang=en` });
        return send(200, searchHtml('miami', items,
          `<nav><a href="/miami/search/cto?s=120">next</a> <a href="http://127.0.0.2:9/cto/d/elsewhere/7712340099.html">elsewhere</a>
           <a href="/miami/cto/d/not-a-posting/">x</a></nav>`));
      }
      if (city === 'orlando') {
        const items = [byId.get(TWICE_REACHABLE_ID)!, byId.get('7712340009')!].map((p) => ({ p, href: `${origin}${postingPath(p)}` }));
        return send(200, searchHtml('orlando', items, ''));
      }
      if (city === 'tampa') return send(503, blockedHtml(503));
      if (city === 'naples') return hang();
      return send(200, searchHtml(city ?? '', [], ''));
    }
    m = /^\/([a-z][a-z0-9]+)\/cto\/d\/[a-z0-9-]+\/(\d+)\.html$/.exec(path);
    const p = m ? byId.get(m[2] ?? '') : undefined;
    if (p && p.city === m?.[1]) {
      if (p.kind === 'forbidden') return send(403, blockedHtml(403));
      if (p.kind === 'missing_dom') return send(200, removedHtml(p));
      if (p.kind === 'hang') return hang();
      return send(200, postingHtml(p, postedAt(p)));
    }
    return send(404, page('not found', '<p>Page not found.</p>'));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    baseUrl: `${origin}/{city}`,
    startedAt,
    requests,
    abandoned,
    postingPath,
    hits: (p: string) => requests.filter((r) => r.path === p).length,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** When the fixture says a posting was posted (for first_seen_at and SSV assertions). */
export function fixturePostedAt(site: CraigslistSite, p: FixturePosting): Date {
  return new Date(site.startedAt.getTime() - p.postedHoursAgo * 3600_000);
}
