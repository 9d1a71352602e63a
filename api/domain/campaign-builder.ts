/**
 * The campaign builder's operations: each one SQL call (public.save_campaign,
 * save_campaign_step, move_campaign_step, archive_campaign, copy_campaign,
 * preview_campaign_step), run in the caller's transaction (row-level security
 * applies). Validation and the audit trail are the SQL functions'.
 */
import type { TransactionSql } from '../../db/client.ts';

export interface BuilderStep {
  step: number;
  channel: 'sms' | 'whatsapp' | 'voice' | 'email';
  delay_minutes: number;
  subject: string | null;
  body: string | null;
  language: string;
  expires_after_minutes: number | null;
  fallback: { order?: string[]; max_attempts?: Record<string, number>; cooldown_minutes?: Record<string, number> } | null;
}

export interface BuilderCampaign {
  id: string;
  campaign_key: string;
  name: string;
  description: string | null;
  message_class: string;
  auto_enroll: boolean;
  /** Whether its touches may email role mailboxes such as info@ (issue 19). */
  allow_role_addresses: boolean;
  /** The AI inbox: setter_managed (a person approves every draft) or ai_auto_send. */
  response_mode: 'setter_managed' | 'ai_auto_send';
  auto_send_threshold: number;
  /** The persona its drafts speak as; null: the account's default persona. */
  ai_persona_id: string | null;
  is_active: boolean;
  /** ISO time, from JSON. */
  archived_at: string | null;
  enrolled: number;
}

export interface Builder {
  campaign: BuilderCampaign;
  steps: BuilderStep[];
  variables: { name: string; description: string }[];
  /** The account's AI personas, for the campaign's choice. */
  personas: { id: string; name: string; is_default: boolean }[];
}

/** A campaign with its steps and the known template variables, or null when it is not visible. */
export async function loadBuilder(tx: TransactionSql, campaignId: string): Promise<Builder | null> {
  const [row] = await tx<{ builder: Builder | null }[]>`
    select (select pg_catalog.jsonb_build_object(
              'campaign', pg_catalog.jsonb_build_object(
                 'id', c.id, 'campaign_key', c.campaign_key, 'name', c.name, 'description', c.description,
                 'message_class', c.message_class, 'auto_enroll', c.auto_enroll, 'is_active', c.is_active,
                 'allow_role_addresses', c.allow_role_addresses,
                 'response_mode', c.response_mode, 'auto_send_threshold', c.auto_send_threshold, 'ai_persona_id', c.ai_persona_id,
                 'archived_at', c.archived_at,
                 'enrolled', (select count(*) from public.campaign_leads cl where cl.campaign_id = c.id and cl.status in ('active', 'paused'))),
              'steps', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                   'step', s.step, 'channel', s.channel, 'delay_minutes', s.delay_minutes, 'subject', s.subject, 'body', s.body,
                   'language', s.language, 'expires_after_minutes', s.expires_after_minutes, 'fallback', s.fallback) order by s.step)
                 from public.campaign_steps s where s.campaign_id = c.id), '[]'::jsonb),
              'variables', (select pg_catalog.jsonb_agg(pg_catalog.to_jsonb(v)) from public.template_variables() v),
              'personas', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', a.id, 'name', a.name, 'is_default', a.is_default)
                                                          order by a.is_default desc, a.name)
                                   from public.ai_personas a where a.account_id = c.account_id), '[]'::jsonb))
            from public.campaigns c where c.id = ${campaignId}::uuid) as builder`;
  return row?.builder ?? null;
}

export interface SaveResult {
  campaign_id: string;
  created?: boolean;
  changed?: unknown;
}

export async function saveCampaign(tx: TransactionSql, campaignId: string | null, fields: Record<string, unknown>, actor: string): Promise<SaveResult> {
  const [r] = await tx<{ r: SaveResult }[]>`select public.save_campaign(${campaignId}::uuid, ${tx.json(fields as never)}, ${actor}) as r`;
  return r!.r;
}

export interface StepChange {
  needs_confirmation: boolean;
  step?: number;
  affected_leads?: number;
  sample?: { lead_id: string; name: string | null; current_step: number }[];
  changed?: string[];
  moved?: boolean;
  removed?: boolean;
}

export async function saveStep(
  tx: TransactionSql,
  campaignId: string,
  step: number | null,
  fields: Record<string, unknown>,
  actor: string,
  confirm: boolean,
): Promise<StepChange> {
  const [r] = await tx<{ r: StepChange }[]>`
    select public.save_campaign_step(${campaignId}::uuid, ${step}::integer, ${tx.json(fields as never)}, ${actor}, ${confirm}) as r`;
  return r!.r;
}

/** Moves a step to another position, or removes it (to null). */
export async function moveStep(tx: TransactionSql, campaignId: string, from: number, to: number | null, actor: string, confirm: boolean): Promise<StepChange> {
  const [r] = await tx<{ r: StepChange }[]>`
    select public.move_campaign_step(${campaignId}::uuid, ${from}::integer, ${to}::integer, ${actor}, ${confirm}) as r`;
  return r!.r;
}

export async function archiveCampaign(tx: TransactionSql, campaignId: string, actor: string): Promise<{ archived: boolean; enrollments_stopped?: number }> {
  const [r] = await tx<{ r: { archived: boolean; enrollments_stopped?: number } }[]>`
    select public.archive_campaign(${campaignId}::uuid, ${actor}) as r`;
  return r!.r;
}

export async function copyCampaign(tx: TransactionSql, campaignId: string, key: string, name: string, actor: string): Promise<SaveResult & { steps: number }> {
  const [r] = await tx<{ r: SaveResult & { steps: number } }[]>`
    select public.copy_campaign(${campaignId}::uuid, ${key}, ${name}, ${actor}) as r`;
  return r!.r;
}

export interface Preview {
  step: number;
  channel: string;
  lead_id: string;
  problems: string[];
  subject: string | null;
  body: string | null;
}

export async function previewStep(tx: TransactionSql, campaignId: string, step: number, leadId: string): Promise<Preview> {
  const [r] = await tx<{ r: Preview }[]>`select public.preview_campaign_step(${campaignId}::uuid, ${step}::integer, ${leadId}::uuid) as r`;
  return r!.r;
}
