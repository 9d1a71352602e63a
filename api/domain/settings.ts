/**
 * Settings and onboarding: the workspace's org settings and providers, read and
 * written in the request's tenant transaction (row-level security applies).
 */
import type { TransactionSql } from '../../db/client.ts';
import { atOrNull, type Wire } from './wire.ts';

export interface SettingsData {
  org: {
    business_name: string | null; persona_name: string | null; vertical: string; timezone: string | null; contact_email: string | null; contact_phone: string | null;
    contact_whatsapp: string | null; leadgen_routing: { dealer_address?: string | null; radius_miles?: number; city_fallback?: string | null; active?: boolean };
    onboarding_step: number; onboarding_completed_at: Date | null; send_window_start: string; send_window_end: string;
    ai_tone: string; ai_signature: string | null; ai_auto_send_enabled: boolean; slack_review_channel: string | null;
    booking_provider: 'none' | 'calendly'; booking_link: string | null; calendly_event_type_uri: string | null; auto_book_enabled: boolean;
    /** How long touches wait for a pending enrichment (issue 19). */
    enrichment_wait_seconds: number;
  };
  /** The booking availability cache (issue 18); null before the first refresh. */
  availability?: { slots: number; fetched_at: string | null; expires_at: string | null; last_error: string | null; backoff_until: string | null; failures: number } | null;
  /** Who the AI inbox's drafts speak as (ai_personas): a campaign may name one; else the default; else org. */
  personas: { id: string; name: string; tone: string | null; signature: string | null; is_default: boolean }[];
  providers: { channel: string; provider: string; is_default: boolean; config: { senders?: { address: string; persona?: string }[]; daily_cap?: number; max_per_second?: number } }[];
  /** Each sender's warm-up ramp and health (issue 19; public.v_sender_health_v1), email first. */
  senders: SenderHealth[];
  /** Stored credential fields, masked, with the last Test connection result (public.provider_credentials_status). */
  credentials: { provider: string; field: string; masked: string; updated_at: string; verified_at: string | null; verify_ok: boolean | null; verify_detail: string | null }[];
}

/** One sender's row of the settings page: today's cap, the ramp ahead (inboxes warming up), its health figures. */
export interface SenderHealth {
  channel: 'email' | 'sms' | 'whatsapp'; sender: string; target: number | null; cap_today: number | null; ramp_day: number | null;
  already_warm: boolean; paused: boolean; paused_reason: 'bounce_rate' | 'complaint_rate' | null; paused_at: string | null;
  sends_1d: number; sends_7d: number; sends_30d: number; bounces_7d: number; bounces_30d: number; hard_bounces_30d: number;
  complaints_30d: number; opt_outs_7d: number; opt_outs_30d: number;
  /** The next 7 UTC days' caps, today first (null when no ramp applies). */
  schedule: { day: string; cap: number }[] | null;
  ramp_start_cap: number; ramp_growth_pct: number;
}

/** Resumes a sender the reputation guard paused (owner or admin; audited in account_events). False when it was not paused. */
export async function resumeSender(tx: TransactionSql, actorUserId: string, channel: string, sender: string): Promise<boolean> {
  const [r] = await tx<{ ok: boolean }[]>`select public.resume_sender(${actorUserId}::uuid, ${channel}, ${sender}) as ok`;
  return r!.ok;
}

/** Marks an inbox already warm (its full cap from today) or puts it back on its ramp (owner or admin; audited). False when nothing changed. */
export async function setSenderAlreadyWarm(tx: TransactionSql, actorUserId: string, sender: string, warm: boolean): Promise<boolean> {
  const [r] = await tx<{ ok: boolean }[]>`select public.set_sender_already_warm(${actorUserId}::uuid, 'email', ${sender}, ${warm}) as ok`;
  return r!.ok;
}

/** The settings page (public.settings_page), in one read. */
export async function loadSettings(tx: TransactionSql): Promise<SettingsData> {
  const [r] = await tx<{ page: Wire<SettingsData> }[]>`select public.settings_page() as page`;
  const p = r!.page;
  return { ...p, org: { ...p.org, onboarding_completed_at: atOrNull(p.org.onboarding_completed_at) } };
}

/** The providers a channel can be sent through (credentials: lib/provider-credentials.ts). */
export const CHANNEL_PROVIDERS: readonly string[] = ['sink', 'twilio', 'telnyx', 'elastic_email'];

/** True when the name is a time zone PostgreSQL knows (pg_timezone_names). */
export async function isTimeZoneName(tx: TransactionSql, name: string): Promise<boolean> {
  const [r] = await tx<{ ok: boolean }[]>`select exists (select 1 from pg_timezone_names where name = ${name}) as ok`;
  return r!.ok;
}

/** Onboarding step 1: who the business is. */
export async function saveIdentity(tx: TransactionSql, v: { business_name: string | null; timezone: string | null; persona_name: string | null }): Promise<void> {
  await tx`update public.org_settings set business_name = ${v.business_name}, timezone = ${v.timezone},
           persona_name = ${v.persona_name},
           onboarding_step = greatest(onboarding_step, 2)`;
}

/** Onboarding step 2: how leads reach the business. The email CHECK decides what an email is. */
export async function saveContact(tx: TransactionSql, v: { email: string | null; phone: string | null; whatsapp: string | null }): Promise<void> {
  await tx`update public.org_settings set contact_email = ${v.email}, contact_phone = ${v.phone},
           contact_whatsapp = ${v.whatsapp}, onboarding_step = greatest(onboarding_step, 3)`;
}

/** Onboarding step 3: LeadGen routing. The CHECK constraints decide (radius 1-50, address when active). */
export async function saveRouting(tx: TransactionSql, routing: Record<string, unknown>): Promise<void> {
  await tx`update public.org_settings set leadgen_routing = ${tx.json(routing as never)},
           onboarding_step = 3, onboarding_completed_at = coalesce(onboarding_completed_at, now())`;
}

/** The AI inbox: how drafts sound and sign (when no persona says), the account's auto-send switch, and where Slack reviews go. */
export async function saveAiInbox(
  tx: TransactionSql,
  v: { ai_tone: string; ai_signature: string | null; ai_auto_send_enabled: boolean; slack_review_channel: string | null },
): Promise<void> {
  await tx`update public.org_settings set ai_tone = ${v.ai_tone}, ai_signature = ${v.ai_signature},
           ai_auto_send_enabled = ${v.ai_auto_send_enabled}, slack_review_channel = ${v.slack_review_channel}`;
}

/**
 * Adds a persona (id null) or changes one; making it the default first takes that
 * from the account's other persona (at most one default, ai_personas_one_default_idx).
 * False when the id is not a persona of this account.
 */
export async function savePersona(
  tx: TransactionSql,
  v: { id: string | null; name: string; tone: string | null; signature: string | null; is_default: boolean },
): Promise<boolean> {
  if (v.is_default) await tx`update public.ai_personas set is_default = false where is_default and id is distinct from ${v.id}::uuid`;
  if (v.id === null) {
    await tx`insert into public.ai_personas (account_id, name, tone, signature, is_default)
             values (nullif(current_setting('app.account_id', true), '')::uuid, ${v.name}, ${v.tone}, ${v.signature}, ${v.is_default})`;
    return true;
  }
  const rows = await tx`update public.ai_personas set name = ${v.name}, tone = ${v.tone}, signature = ${v.signature}, is_default = ${v.is_default}
                        where id = ${v.id}::uuid returning id`;
  return rows.length > 0;
}

/** Removes a persona; campaigns that named it fall back to the default persona (on delete set null). */
export async function deletePersona(tx: TransactionSql, id: string): Promise<boolean> {
  const rows = await tx`delete from public.ai_personas where id = ${id}::uuid returning id`;
  return rows.length > 0;
}

/** The send window, HH:MM to HH:MM in each lead's time zone. */
/** Settings → Booking (issue 18): provider, public link, Calendly event type, auto-booking. */
export async function saveBooking(
  tx: TransactionSql,
  v: { booking_provider: 'none' | 'calendly'; booking_link: string | null; calendly_event_type_uri: string | null; auto_book_enabled: boolean },
): Promise<void> {
  await tx`update public.org_settings set booking_provider = ${v.booking_provider}, booking_link = ${v.booking_link},
           calendly_event_type_uri = ${v.calendly_event_type_uri}, auto_book_enabled = ${v.auto_book_enabled}`;
}

export async function saveSendWindow(tx: TransactionSql, start: string, end: string): Promise<void> {
  await tx`update public.org_settings set send_window_start = ${start}::time, send_window_end = ${end}::time`;
}

/** How long the orchestrator and the claim wait for a lead's pending enrichment (0–86,400 s; org_settings checks it). */
export async function saveEnrichmentWait(tx: TransactionSql, seconds: number): Promise<void> {
  await tx`update public.org_settings set enrichment_wait_seconds = ${seconds}`;
}

export interface ProviderChoice {
  channel: string;
  provider: string;
  /** Senders to merge into the config; empty keeps the config as it is. */
  senders: { address: string; persona?: string }[];
  /** Each sender's daily cap (config.daily_cap: an inbox's warm-up target, a number's cap); undefined keeps it. */
  dailyCap?: number;
}

/** Makes a provider the channel's default, merging senders (and the daily cap, when given) into its settings. */
export async function saveProvider(tx: TransactionSql, accountId: string, p: ProviderChoice): Promise<void> {
  // Only what the form gave replaces the stored config's keys; the rest (max_per_second, …) stays.
  const config = { ...(p.senders.length ? { senders: p.senders } : {}), ...(p.dailyCap !== undefined ? { daily_cap: p.dailyCap } : {}) };
  await tx`
    insert into public.account_provider_settings (account_id, channel, provider, is_default, config)
    values (${accountId}, ${p.channel}, ${p.provider}, false, ${tx.json(config)})
    on conflict (account_id, channel, provider) do update
      set config = public.account_provider_settings.config || excluded.config`;
  await tx`update public.account_provider_settings set is_default = false where channel = ${p.channel} and provider <> ${p.provider} and is_default`;
  await tx`update public.account_provider_settings set is_default = true where channel = ${p.channel} and provider = ${p.provider}`;
}
