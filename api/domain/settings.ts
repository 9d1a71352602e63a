/**
 * Settings and onboarding: the workspace's org settings and providers, read and
 * written in the request's tenant transaction (row-level security applies).
 */
import type { TransactionSql } from '../../db/client.ts';

export interface SettingsData {
  org: {
    business_name: string | null; persona_name: string | null; vertical: string; timezone: string | null; contact_email: string | null; contact_phone: string | null;
    contact_whatsapp: string | null; leadgen_routing: { dealer_address?: string | null; radius_miles?: number; city_fallback?: string | null; active?: boolean };
    onboarding_step: number; onboarding_completed_at: Date | null; send_window_start: string; send_window_end: string;
  };
  providers: { channel: string; provider: string; is_default: boolean; config: { senders?: { address: string; persona?: string }[]; daily_cap?: number; max_per_second?: number } }[];
  secrets: { channel: string; provider: string; secret_key: string; masked: string }[];
}

export async function loadSettings(tx: TransactionSql): Promise<SettingsData> {
  const [org] = await tx<SettingsData['org'][]>`
    select business_name, persona_name, vertical, timezone::text as timezone, contact_email::text as contact_email,
           contact_phone::text as contact_phone, contact_whatsapp::text as contact_whatsapp, leadgen_routing, onboarding_step,
           onboarding_completed_at, to_char(send_window_start, 'HH24:MI') as send_window_start,
           to_char(send_window_end, 'HH24:MI') as send_window_end
    from public.org_settings`;
  const providers = await tx<SettingsData['providers']>`
    select channel::text as channel, provider, is_default, config from public.account_provider_settings
    order by array_position(array['sms', 'voice', 'whatsapp', 'email'], channel::text), provider`;
  const secrets = await tx<SettingsData['secrets']>`select * from public.provider_secrets_status()`;
  return { org: org!, providers, secrets };
}

/** The secrets each provider takes (write-only: stored, never read back). */
export const SECRET_KEYS: Record<string, string[]> = {
  twilio: ['account_sid', 'auth_token'],
  telnyx: ['api_key'],
  elastic_email: ['api_key'],
  sink: [],
};
