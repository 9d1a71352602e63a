/**
 * What a notification says (issue 18, seed 003 §13): the lead's name, the tag or the
 * meeting time, and a link to the console. Never a message body: SQL never hands one
 * over (brain.claim_notification_deliveries, brain.claim_notification_digests).
 */
import { z } from 'zod';

export const KINDS = ['positive_reply', 'meeting_requested', 'booked', 'draft_needs_review', 'integration_failing', 'sender_paused', 'sender_opt_outs'] as const;
export type Kind = (typeof KINDS)[number];

export const NotificationEvent = z.object({
  event_id: z.string().uuid(),
  kind: z.enum(KINDS),
  label: z.string().optional(),
  lead_id: z.string().uuid().nullable().optional(),
  subject_id: z.string().uuid().nullable().optional(),
  lead_name: z.string().nullable().optional(),
  occurred_at: z.string(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type NotificationEvent = z.infer<typeof NotificationEvent>;

const INTEGRATION_NAMES: Record<string, string> = {
  twilio: 'Twilio', telnyx: 'Telnyx', elastic_email: 'Elastic Email', openai: 'OpenAI', slack: 'Slack', calendly: 'Calendly',
};

/** The console page a notification points at. */
export function linkFor(e: NotificationEvent, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  if (e.kind === 'draft_needs_review' && e.subject_id) return `${base}/inbox?draft=${encodeURIComponent(e.subject_id)}`;
  if (e.kind === 'integration_failing' || e.kind === 'sender_paused' || e.kind === 'sender_opt_outs') return `${base}/settings`;
  return e.lead_id ? `${base}/leads/${e.lead_id}` : base;
}

/** "Tue 9 Dec, 10:00 (America/Chicago)": a meeting's start in the zone it was booked in. */
export function meetingTime(iso: unknown, zone: unknown): string {
  if (typeof iso !== 'string') return 'a time to be confirmed';
  const tz = typeof zone === 'string' && zone ? zone : 'UTC';
  try {
    const s = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    return `${s} (${tz})`;
  } catch {
    return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }
}

/** What paused a sender, in figures: "8 hard bounces in its last 200 sends". */
export function senderFigures(p: Record<string, unknown>): string {
  const window = Number(p.window ?? 200);
  return p.reason === 'complaint_rate'
    ? `${Number(p.complaints ?? 0)} spam complaint(s) in its last ${window} sends`
    : `${Number(p.hard_bounces ?? 0)} hard bounces in its last ${window} sends`;
}

/** One line about one event. */
export function eventLine(e: NotificationEvent): string {
  const who = e.lead_name ?? 'A lead';
  const p = e.payload;
  const channel = typeof p.channel === 'string' ? ` on ${p.channel}` : '';
  switch (e.kind) {
    case 'positive_reply':
      return `${who} replied${channel}: ${typeof p.tag === 'string' ? p.tag : 'positive'}`;
    case 'meeting_requested':
      return `${who} asked for a meeting${channel}`;
    case 'booked':
      return `Meeting booked with ${who}: ${meetingTime(p.start_at, p.time_zone)}`;
    case 'draft_needs_review':
      return `A draft answer to ${who} needs your review${typeof p.tag === 'string' ? ` (${p.tag})` : ''}`;
    case 'integration_failing': {
      const name = INTEGRATION_NAMES[String(p.integration)] ?? String(p.integration ?? 'An integration');
      return `${name} is failing: ${typeof p.error_code === 'string' ? p.error_code : 'refused'}. Check its credentials in Settings.`;
    }
    case 'sender_paused':
      return `Sender ${String(p.sender ?? 'an inbox')} was paused: ${senderFigures(p)}. Resume it in Settings once the list is cleaned.`;
    case 'sender_opt_outs':
      return `Opt-out alarm for ${String(p.sender ?? 'a number')}: ${Number(p.opt_outs ?? 0)} STOPs over its last ${Number(p.window ?? 200)} texts. Check the list and the copy.`;
  }
}

/** A realtime notification: subject (email), plain text, and Slack mrkdwn. */
export function realtimeMessage(e: NotificationEvent, accountName: string, baseUrl: string): { subject: string; text: string; slack: string } {
  const line = eventLine(e);
  const link = linkFor(e, baseUrl);
  return {
    subject: `[${accountName}] ${line}`.slice(0, 200),
    text: [line, '', `Open: ${link}`, '', 'Change what you get: ' + `${baseUrl.replace(/\/+$/, '')}/settings/notifications`].join('\n'),
    slack: `${escapeSlack(line)} · <${link}|Open>`,
  };
}

export interface DigestGroup {
  kind: Kind;
  label: string;
  count: number;
  events: NotificationEvent[];
}

/** The daily digest: a heading per kind, a line per event (each listed once by SQL). */
export function digestMessage(d: { account_name: string; local_date: string; groups: DigestGroup[] }, baseUrl: string): { subject: string; text: string; slack: string } {
  const total = d.groups.reduce((a, g) => a + g.count, 0);
  const textLines: string[] = [`${total} notification${total === 1 ? '' : 's'} since your last digest.`];
  const slackLines: string[] = [`*Daily digest · ${escapeSlack(d.account_name)} · ${d.local_date}*`];
  for (const g of d.groups) {
    textLines.push('', `${g.label} (${g.count})`);
    slackLines.push('', `*${escapeSlack(g.label)}* (${g.count})`);
    for (const e of g.events) {
      textLines.push(`- ${eventLine(e)}: ${linkFor(e, baseUrl)}`);
      slackLines.push(`• ${escapeSlack(eventLine(e))} · <${linkFor(e, baseUrl)}|Open>`);
    }
  }
  textLines.push('', `Change what you get: ${baseUrl.replace(/\/+$/, '')}/settings/notifications`);
  return { subject: `[${d.account_name}] Daily digest (${d.local_date})`, text: textLines.join('\n'), slack: slackLines.join('\n') };
}

function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
