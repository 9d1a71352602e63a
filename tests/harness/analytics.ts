/**
 * Analytics data for the console tests: four leads of the demo account (America/New_York)
 * contacted by one campaign, at noon local time N days ago, then counted
 * (brain.refresh_analytics), with known answers for the 30-day window:
 * contacted 3, replied 2, positive 2, meeting 2, booked 2 (the fourth lead is 40 days old).
 */
import type { Sql } from '../../db/client.ts';

/** Names a spreadsheet would run as formulas, exported with a leading quote. */
export const FORMULA_NAME = '=HYPERLINK("http://evil.example/x","Click")';
export const PLUS_NAME = '+SUM(1;2)';

export interface AnalyticsSeed {
  campaignId: string;
  leads: Record<'formula' | 'plain' | 'old' | 'plus', string>;
}

export async function seedAnalytics(sql: Sql, accountId: string): Promise<AnalyticsSeed> {
  const noon = (daysAgo: number, hours = 0) => sql`
    ((date_trunc('day', now() at time zone 'America/New_York') - make_interval(days => ${daysAgo}) + make_interval(hours => ${12 + hours}))
     at time zone 'America/New_York')`;
  const [campaign] = await sql<{ id: string }[]>`
    insert into public.campaigns (account_id, campaign_key, name, is_active)
    values (${accountId}, 'analytics_spring', 'Analytics spring', true) returning id`;
  const campaignId = campaign!.id;
  const lead = async (name: string, phone: string) =>
    (await sql<{ id: string }[]>`
      insert into public.leads (account_id, first_name, phone, source) values (${accountId}, ${name}, ${phone}, 'manual') returning id`)[0]!.id;
  const touch = (leadId: string, daysAgo: number) => sql`
    insert into public.touch_runs (account_id, lead_id, campaign_id, step, channel, attempt, status, scheduled_at, payload, sent_at, created_at)
    select ${accountId}, ${leadId}, ${campaignId}, 1, 'sms', 1, 'sent', t, '{"message_class": "cold_outreach"}', t, t
    from (select ${noon(daysAgo)} as t) x`;
  const reply = (leadId: string, daysAgo: number, tag: string) => sql`
    insert into public.inbound_messages (account_id, lead_id, channel, provider, provider_message_id, from_address, body,
                                         received_at, sentiment_tag, sentiment_source, sentiment_reason, classified_at)
    select ${accountId}, ${leadId}, 'sms', 'twilio', ${'SManalytics' + leadId.slice(0, 8)}, '+13055550000', 'a reply', t, ${tag}, 'rules', 'test', t
    from (select ${noon(daysAgo, 1)} as t) x`;
  const book = (leadId: string, daysAgo: number) => sql`
    insert into public.appointments (account_id, lead_id, status, start_at, end_at, time_zone, provider, source, created_at)
    select ${accountId}, ${leadId}, 'booked', t + interval '3 days', t + interval '3 days 30 minutes', 'America/New_York', 'webhook', 'webhook', t
    from (select ${noon(daysAgo, 2)} as t) x`;

  const leads = {
    formula: await lead(FORMULA_NAME, '+13055558101'),
    plain: await lead('Plain', '+13055558102'),
    old: await lead('Old', '+13055558103'),
    plus: await lead(PLUS_NAME, '+13055558104'),
  };
  await touch(leads.formula, 3);
  await reply(leads.formula, 3, 'Interested');
  await book(leads.formula, 2);
  await touch(leads.plain, 5);
  await touch(leads.old, 40);
  await reply(leads.old, 40, 'Interested');
  await touch(leads.plus, 10);
  await reply(leads.plus, 10, 'Not Interested');
  await book(leads.plus, 9);
  await sql`select brain.refresh_analytics()`;
  return { campaignId, leads };
}
