/**
 * The console's Inbox over HTTP (issue 17, "Human approval in the console"): the
 * conversations waiting for an answer, newest and hottest first; Approve & send
 * queues one ai_reply touch however often it is pressed; Reject sends nothing;
 * another account's draft is not found; bad input answers 4xx and changes nothing.
 * Also the lead page's message form filled with the pending draft, and the leads
 * list's "pending draft" and tag filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENTIMENT_TAGS } from '../api/domain/inbox.ts';
import { httpLogin, startConsoleServer, type ConsoleServer } from './harness/console.ts';

type Who = { cookie: string; csrf: string };

let srv: ConsoleServer;
let owner: Who;
let other: Who;
let ownerId: string;

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

function post(who: Who, path: string, body: Record<string, string> = {}, csrf = true): Promise<Response> {
  return fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true', origin: srv.url },
    body: form(csrf ? { _csrf: who.csrf, ...body } : body),
  });
}

async function get(who: Who, path: string): Promise<{ status: number; html: string }> {
  const r = await fetch(`${srv.url}${path}`, { headers: { cookie: who.cookie } });
  return { status: r.status, html: await r.text() };
}

/** A lead of the demo account with an SMS reply received `minutesAgo`, tagged as the AI stage would. */
async function leadWithReply(name: string, phone: string, reply: string, tag: string, minutesAgo: number): Promise<{ leadId: string; messageId: string }> {
  const sql = srv.db.sql;
  const [lead] = await sql<{ id: string }[]>`
    insert into public.leads (account_id, first_name, last_name, phone, source)
    values (${srv.demoAccountId}, ${name}, 'Inbox', ${phone}, 'manual') returning id`;
  const [m] = await sql<{ id: string }[]>`
    insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, received_at)
    values (${srv.demoAccountId}, ${lead!.id}, 'sms', 'twilio', ${'SM' + phone.slice(1)}, ${phone}, ${reply}, now() - make_interval(mins => ${minutesAgo}))
    returning id`;
  await sql`select brain.record_reply_sentiment(${m!.id}::uuid, ${tag}, 'llm', 'test tag', 0.9::real)`;
  return { leadId: lead!.id, messageId: m!.id };
}

/** A pending draft answering the reply (auto-send held: needs review). */
async function pendingDraft(messageId: string, body: string, confidence = 0.62): Promise<string> {
  const [r] = await srv.db.sql<{ result: { created: boolean; draft_id: string; action: string } }[]>`
    select brain.record_ai_draft(${messageId}::uuid, ${body}, null, ${confidence}::real, 'plain answer', 'gpt-test', true) as result`;
  expect(r!.result).toMatchObject({ created: true, action: 'needs_review' });
  return r!.result.draft_id;
}

async function aiTouches(leadId: string): Promise<{ id: string; body: string; draft: string; status: string }[]> {
  return srv.db.sql<{ id: string; body: string; draft: string; status: string }[]>`
    select id, payload -> 'delivery' ->> 'body' as body, payload -> 'meta' ->> 'ai_draft_id' as draft, status
    from public.touch_runs where lead_id = ${leadId} and payload ->> 'message_class' = 'ai_reply'`;
}

async function draftRow(id: string): Promise<{ status: string; decided_by: string | null; body: string }> {
  const [d] = await srv.db.sql<{ status: string; decided_by: string | null; body: string }[]>`
    select status, decided_by, body from public.ai_drafts where id = ${id}`;
  return d!;
}

let hot: { leadId: string; messageId: string };
let warm: { leadId: string; messageId: string };
let warmDraft: string;
let cold: { leadId: string; messageId: string };

beforeAll(async () => {
  srv = await startConsoleServer('console_inbox');
  owner = await httpLogin(srv.url, srv.users.owner);
  other = await httpLogin(srv.url, srv.users.other);
  const [u] = await srv.db.sql<{ id: string }[]>`select id from public.users where email = ${srv.users.owner}`;
  ownerId = u!.id;
  // Newest and hottest first: a meeting request (older) before an interested reply (newer).
  hot = await leadWithReply('Mia', '+13055557001', 'Can I come Saturday at 10?', 'Meeting Requested', 30);
  warm = await leadWithReply('Ivan', '+13055557002', 'Is the Civic still available?', 'Interested', 5);
  warmDraft = await pendingDraft(warm.messageId, 'Yes, it is! Want to see it tomorrow?');
  cold = await leadWithReply('Nora', '+13055557003', 'No thanks, I bought one', 'Not Interested', 1);
  // The other account's conversation.
  await srv.db.sql`
    insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body, received_at)
    values (${srv.otherAccountId}, ${srv.otherLeadId}, 'sms', 'twilio', 'SMother0001', '+12125550199', 'Other dealer secret reply', now())`;
}, 60_000);

afterAll(async () => {
  await srv?.close();
});

describe('the Inbox page', () => {
  it('lists the conversations waiting for an answer, hottest first, with the tag, the reply and the draft', async () => {
    const { status, html } = await get(owner, '/inbox');
    expect(status).toBe(200);
    const order = [...html.matchAll(/<article class="conversation" id="conv-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(order.indexOf(hot.leadId)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(hot.leadId)).toBeLessThan(order.indexOf(warm.leadId));
    // Not Interested has nothing to answer; the other account's reply is not ours.
    expect(order).not.toContain(cold.leadId);
    expect(html).not.toContain('Other dealer secret reply');
    const card = html.slice(html.indexOf(`id="conv-${warm.leadId}"`));
    const warmCard = card.slice(0, card.indexOf('</article>'));
    expect(warmCard).toContain('data-tag="Interested"');
    expect(warmCard).toContain('Is the Civic still available?');
    expect(warmCard).toMatch(/<textarea name="body"[^>]*>Yes, it is! Want to see it tomorrow\?<\/textarea>/);
    expect(warmCard).toContain('62%');
    expect(warmCard).toContain('AUTO_SEND_DISABLED=1');
    expect(warmCard).toContain(`hx-post="/inbox/drafts/${warmDraft}/approve"`);
    expect(warmCard).toContain('hx-disabled-elt="find button"');
    expect(warmCard).toContain(`name="_csrf" value="${owner.csrf}"`);
    expect(html).toContain('href="/inbox" aria-current="page"');
  });

  it('filters by tag and by "drafts waiting", and refuses an unknown tag', async () => {
    const mr = await get(owner, '/inbox?tag=Meeting%20Requested');
    expect(mr.status).toBe(200);
    expect(mr.html).toContain(`conv-${hot.leadId}`);
    expect(mr.html).not.toContain(`conv-${warm.leadId}`);
    const pending = await get(owner, '/inbox?pending=1');
    expect(pending.html).toContain(`conv-${warm.leadId}`);
    expect(pending.html).not.toContain(`conv-${hot.leadId}`);
    const bad = await get(owner, '/inbox?tag=Hot');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('the tag is one of');
    const badCursor = await get(owner, '/inbox?after=1%3Bdrop');
    expect(badCursor.status).toBe(400);
  });

  it('explains what the Inbox shows when nothing waits (another account with no reply)', async () => {
    // The other account's only reply gets answered.
    expect((await get(other, '/inbox')).html).toContain(`conv-${srv.otherLeadId}`);
    await srv.db.sql`insert into public.outbound_messages (account_id, lead_id, channel, send_key, provider, status, body, sent_at)
                     values (${srv.otherAccountId}, ${srv.otherLeadId}, 'sms', 'inbox-test-other-answer', 'sink', 'sent', 'answered', now() + interval '1 second')`;
    const { html } = await get(other, '/inbox');
    expect(html).toContain('id="inbox-empty"');
    expect(html).toContain('Nothing is waiting for an answer.');
    expect(html).not.toContain('<article class="conversation"');
  });
});

describe('Approve & send', () => {
  it('queues exactly one ai_reply touch however often it is pressed, with the edited text', async () => {
    const edited = 'Yes, it is! Would tomorrow at 5 work for you?';
    const first = await post(owner, `/inbox/drafts/${warmDraft}/approve`, { body: edited });
    expect(first.status).toBe(200);
    const firstHtml = await first.text();
    expect(firstHtml).toContain('Queued: the reply goes out');
    expect(firstHtml).toContain('data-state="queued"');
    const second = await post(owner, `/inbox/drafts/${warmDraft}/approve`, { body: edited });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('Already approved');
    const touches = await aiTouches(warm.leadId);
    expect(touches).toHaveLength(1);
    expect(touches[0]).toMatchObject({ body: edited, draft: warmDraft, status: 'queued' });
    expect(await draftRow(warmDraft)).toMatchObject({ status: 'approved', decided_by: `user:${ownerId}`, body: edited });
    // The page shows it queued, without the form.
    const { html } = await get(owner, '/inbox');
    const card = html.slice(html.indexOf(`id="conv-${warm.leadId}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toContain('data-state="queued"');
    expect(html).not.toContain(`/inbox/drafts/${warmDraft}/approve`);
  });

  it('two approvals at once still queue one touch', async () => {
    const lead = await leadWithReply('Rosa', '+13055557004', 'Price?', 'Interested', 3);
    const draft = await pendingDraft(lead.messageId, 'It is $9,900. Want to come see it?');
    const answers = await Promise.all([1, 2, 3].map(() => post(owner, `/inbox/drafts/${draft}/approve`, { body: 'It is $9,900. Want to come see it?' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await aiTouches(lead.leadId)).toHaveLength(1);
  });

  it('rejects a draft: nothing is sent, and it cannot be approved afterwards', async () => {
    const lead = await leadWithReply('Omar', '+13055557005', 'Maybe next month', 'Follow Up', 2);
    const draft = await pendingDraft(lead.messageId, 'Sure, I will write again next month.');
    const r = await post(owner, `/inbox/drafts/${draft}/reject`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('Rejected: nothing will be sent.');
    expect(await draftRow(draft)).toMatchObject({ status: 'rejected', decided_by: `user:${ownerId}` });
    const again = await post(owner, `/inbox/drafts/${draft}/reject`);
    expect(await again.text()).toContain('Already rejected');
    const late = await post(owner, `/inbox/drafts/${draft}/approve`, { body: 'Sure, I will write again next month.' });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('Not sent: this draft was rejected');
    expect(await aiTouches(lead.leadId)).toHaveLength(0);
    // The reply still waits for an answer, now without a draft.
    const { html } = await get(owner, '/inbox');
    const card = html.slice(html.indexOf(`id="conv-${lead.leadId}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toContain('data-state="no_draft"');
  });

  it("another account's user gets 404 for the draft, and it stays pending", async () => {
    const lead = await leadWithReply('Lena', '+13055557006', 'Interested!', 'Interested', 4);
    const draft = await pendingDraft(lead.messageId, 'Great, when can you come?');
    const a = await post(other, `/inbox/drafts/${draft}/approve`, { body: 'Great, when can you come?' });
    expect(a.status).toBe(404);
    expect(await a.text()).toContain('This draft is not in this workspace');
    const r = await post(other, `/inbox/drafts/${draft}/reject`);
    expect(r.status).toBe(404);
    expect(await draftRow(draft)).toMatchObject({ status: 'pending', decided_by: null });
    expect(await aiTouches(lead.leadId)).toHaveLength(0);
    const page = await get(other, '/inbox');
    expect(page.html).not.toContain(draft);
  });

  it('refuses bad input with 400 and a reason, and changes nothing', async () => {
    const lead = await leadWithReply('Tomas', '+13055557007', 'Yes please', 'Interested', 6);
    const draft = await pendingDraft(lead.messageId, 'Hi {{first_name}}, see you soon!');
    const badId = await post(owner, '/inbox/drafts/not-a-uuid/approve', { body: 'x' });
    expect(badId.status).toBe(400);
    expect(await badId.text()).toContain('not a draft id');
    expect((await post(owner, '/inbox/drafts/1234/reject')).status).toBe(400);
    const empty = await post(owner, `/inbox/drafts/${draft}/approve`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('The message is empty');
    const long = await post(owner, `/inbox/drafts/${draft}/approve`, { body: 'x'.repeat(1601) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('at most 1600 characters');
    // A placeholder the lead cannot fill is refused by the SQL, with what to do.
    const template = await post(owner, `/inbox/drafts/${draft}/approve`, { body: 'Hi {{favourite_colour}}!' });
    expect(template.status).toBe(400);
    expect(await template.text()).toContain('Not sent: the message cannot be sent to this lead');
    const noCsrf = await post(owner, `/inbox/drafts/${draft}/approve`, { body: 'Hi' }, false);
    expect(noCsrf.status).toBe(403);
    const unknown = await post(owner, `/inbox/drafts/${crypto.randomUUID()}/approve`, { body: 'Hi' });
    expect(unknown.status).toBe(404);
    expect(await draftRow(draft)).toMatchObject({ status: 'pending', body: 'Hi {{first_name}}, see you soon!' });
    expect(await aiTouches(lead.leadId)).toHaveLength(0);
  });

  it('a viewer sees the Inbox with the forms disabled and may not decide', async () => {
    const lead = await leadWithReply('Vera', '+13055557008', 'Call me', 'Meeting Requested', 7);
    const draft = await pendingDraft(lead.messageId, 'Calling you at 3?');
    const viewer = await httpLogin(srv.url, srv.users.viewer);
    const page = await get(viewer, '/inbox');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(new RegExp(`<fieldset disabled[^>]*>\\s*<form class="draft-form" hx-post="/inbox/drafts/${draft}/approve"`));
    const r = await post(viewer, `/inbox/drafts/${draft}/approve`, { body: 'Calling you at 3?' });
    expect(r.status).toBe(403);
    expect(await draftRow(draft)).toMatchObject({ status: 'pending' });
  });
});

describe('the lead page and the leads list', () => {
  it("fills the lead's message form with its pending draft, and sending it approves the draft once", async () => {
    const lead = await leadWithReply('Paula', '+13055557009', 'Do you finance?', 'Interested', 8);
    const draft = await pendingDraft(lead.messageId, 'We do! Want the details?', 0.71);
    const { html } = await get(owner, `/leads/${lead.leadId}`);
    expect(html).toContain(`data-testid="pending-draft" data-draft-id="${draft}"`);
    expect(html).toContain('data-tag="Interested"');
    expect(html).toContain('71%');
    expect(html).toMatch(/<textarea name="body"[^>]*>We do! Want the details\?<\/textarea>/);
    const send = { channel: 'sms', body: 'We do! Want the details by text?', ai_draft_id: draft, ai_draft_channel: 'sms', request_id: crypto.randomUUID() };
    const r1 = await post(owner, `/leads/${lead.leadId}/message`, send);
    expect(r1.status).toBe(200);
    expect(await r1.text()).toContain('Draft approved and queued');
    const r2 = await post(owner, `/leads/${lead.leadId}/message`, { ...send, request_id: crypto.randomUUID() });
    expect(await r2.text()).toContain('already approved');
    const touches = await aiTouches(lead.leadId);
    expect(touches).toHaveLength(1);
    expect(touches[0]!.body).toBe('We do! Want the details by text?');
    expect(await draftRow(draft)).toMatchObject({ status: 'approved', decided_by: `user:${ownerId}` });
    // Once decided, the form is empty again.
    const after = await get(owner, `/leads/${lead.leadId}`);
    expect(after.html).not.toContain('data-testid="pending-draft"');
  });

  it('filters the leads list by pending draft and by reply tag', async () => {
    const lead = await leadWithReply('Gina', '+13055557010', 'Next week maybe', 'Follow Up', 9);
    const draft = await pendingDraft(lead.messageId, 'Sure, talk next week.');
    const pendingIds = (await srv.db.sql<{ lead_id: string }[]>`
      select lead_id from public.ai_drafts where account_id = ${srv.demoAccountId} and status = 'pending'`).map((r) => r.lead_id);
    expect(pendingIds).toContain(lead.leadId);
    const rows = (html: string) => [...html.matchAll(/<tr data-lead-id="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const pending = await get(owner, '/leads?draft=pending');
    expect(pending.status).toBe(200);
    expect(new Set(rows(pending.html))).toEqual(new Set(pendingIds));
    expect(pending.html).toContain('<option value="pending" selected="">pending approval</option>');
    const followUp = await get(owner, '/leads?tag=Follow%20Up');
    const want = (await srv.db.sql<{ id: string }[]>`
      select id from public.leads where account_id = ${srv.demoAccountId} and sentiment_tag = 'Follow Up'`).map((r) => r.id);
    expect(want.length).toBeGreaterThanOrEqual(2);
    expect(new Set(rows(followUp.html))).toEqual(new Set(want));
    expect((await get(owner, '/leads?tag=Warm')).status).toBe(400);
    expect((await get(owner, '/leads?draft=yes')).status).toBe(400);
    await post(owner, `/inbox/drafts/${draft}/reject`);
    expect(rows((await get(owner, '/leads?draft=pending')).html)).not.toContain(lead.leadId);
  });

  it('Regenerate asks for a new version once, shows it is being written, and refuses a decided draft', async () => {
    const lead = await leadWithReply('Rita', '+13055557011', 'Do you have it in blue?', 'Interested', 4);
    const draft = await pendingDraft(lead.messageId, 'Let me check the colours for you.');
    const r1 = await post(owner, `/inbox/drafts/${draft}/regenerate`);
    expect(r1.status).toBe(200);
    expect(await r1.text()).toContain('data-testid="draft-regenerating"');
    const r2 = await post(owner, `/inbox/drafts/${draft}/regenerate`);
    expect(r2.status).toBe(200);
    const jobs = await srv.db.sql<{ key: string }[]>`
      select key from graphile_worker.jobs where task_identifier = 'ai_draft_regenerate' and key = ${'ai_draft_regenerate:' + draft}`;
    expect(jobs).toHaveLength(1);
    const [row] = await srv.db.sql`select status, regenerate_requested_by from public.ai_drafts where id = ${draft}`;
    expect(row).toEqual({ status: 'pending', regenerate_requested_by: `user:${ownerId}` });
    await post(owner, `/inbox/drafts/${draft}/reject`);
    const late = await post(owner, `/inbox/drafts/${draft}/regenerate`);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('only a pending draft can be written again');
    expect((await post(other, `/inbox/drafts/${draft}/regenerate`)).status).toBe(404);
  });

  it('the settings page edits the drafts\' tone and signature, the auto-send switch and the Slack review channel', async () => {
    const page = await get(owner, '/settings');
    expect(page.html).toContain('id="ai-inbox-settings"');
    const ok = await post(owner, '/settings/ai', { ai_tone: 'warm and brief', ai_signature: 'Sam at Demo Motors', slack_review_channel: 'c0review99' });
    expect(ok.status).toBe(200);
    const [o] = await srv.db.sql`
      select ai_tone, ai_signature, ai_auto_send_enabled, slack_review_channel from public.org_settings where account_id = ${srv.demoAccountId}`;
    expect(o).toEqual({ ai_tone: 'warm and brief', ai_signature: 'Sam at Demo Motors', ai_auto_send_enabled: false, slack_review_channel: 'C0REVIEW99' });
    const bad = await post(owner, '/settings/ai', { ai_tone: 'x', ai_auto_send_enabled: 'true', slack_review_channel: '#sales' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The Slack review channel is a channel id');
    const [after] = await srv.db.sql`select ai_tone, ai_auto_send_enabled from public.org_settings where account_id = ${srv.demoAccountId}`;
    expect(after).toEqual({ ai_tone: 'warm and brief', ai_auto_send_enabled: false });
    await post(owner, '/settings/ai', { ai_tone: 'friendly-professional', ai_auto_send_enabled: 'true' });
  });

  it('personas: added and made default in Settings, picked by a campaign, removed (the campaign falls back to the default)', async () => {
    expect((await post(owner, '/settings/personas', { name: 'Sofia', tone: 'warm and brief', signature: 'Sofia, Demo Motors', is_default: 'true' })).status).toBe(200);
    expect((await post(owner, '/settings/personas', { name: 'Max', tone: 'direct' })).status).toBe(200);
    const personas = await srv.db.sql<{ id: string; name: string; is_default: boolean }[]>`
      select id, name, is_default from public.ai_personas where account_id = ${srv.demoAccountId} order by name`;
    expect(personas.map((p) => [p.name, p.is_default])).toEqual([['Max', false], ['Sofia', true]]);
    const max = personas[0]!.id;
    // Making Max the default takes it from Sofia.
    expect((await post(owner, '/settings/personas', { id: max, name: 'Max', tone: 'direct', is_default: 'true' })).status).toBe(200);
    const defaults = await srv.db.sql<{ name: string }[]>`select name from public.ai_personas where account_id = ${srv.demoAccountId} and is_default`;
    expect(defaults.map((d) => d.name)).toEqual(['Max']);
    const bad = await post(owner, '/settings/personas', { name: '   ' });
    expect(bad.status).toBe(400);
    expect((await post(other, `/settings/personas/${max}/delete`)).status).toBe(400);
    // A campaign picks Sofia.
    const [c] = await srv.db.sql<{ id: string }[]>`select tests.create_campaign(${srv.demoAccountId}) as id`;
    const sofia = personas[1]!.id;
    const builder = await get(owner, `/campaigns/${c!.id}/edit`);
    expect(builder.html).toContain(`<option value="${sofia}">Sofia</option>`);
    const saved = await post(owner, `/campaigns/${c!.id}/settings`, {
      campaign_key: 'persona_test', name: 'Persona test', message_class: 'cold_outreach', response_mode: 'ai_auto_send', auto_send_threshold: '0.95', ai_persona_id: sofia,
    });
    expect(saved.status).toBeLessThan(400);
    const [row] = await srv.db.sql`select response_mode, auto_send_threshold, ai_persona_id from public.campaigns where id = ${c!.id}`;
    expect(row).toEqual({ response_mode: 'ai_auto_send', auto_send_threshold: 0.95, ai_persona_id: sofia });
    expect((await post(owner, `/settings/personas/${sofia}/delete`)).status).toBe(200);
    const [after] = await srv.db.sql`select ai_persona_id from public.campaigns where id = ${c!.id}`;
    expect(after).toEqual({ ai_persona_id: null });
  });

  it('the tag list the console filters by is the database\'s', async () => {
    const [c] = await srv.db.sql<{ def: string }[]>`
      select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'inbound_messages_sentiment_tag_check'`;
    const inSql = [...c!.def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
    expect([...SENTIMENT_TAGS]).toEqual(inSql);
  });
});
