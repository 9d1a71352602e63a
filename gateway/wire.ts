/**
 * The wire contract between the voice gateway and the API
 * (api/voice-outcome.ts): the call context the gateway reads before a call
 * and the outcome it posts after it. Both sides validate with these schemas.
 * Kept here, free of API imports, so the gateway process loads no provider SDK
 * it does not use.
 */
import { z } from 'zod';

const uuid = z.string().uuid();

export const TranscriptTurn = z
  .object({
    role: z.enum(['lead', 'assistant']),
    text: z.string().max(4000),
    /** Milliseconds from the start of the stream. */
    at_ms: z.number().int().min(0).optional(),
  })
  .strict();

export const VoiceOutcomeBody = z
  .object({
    provider: z.enum(['telnyx', 'twilio']),
    /** Telnyx call_control_id or Twilio CallSid: the provider message id of the call. */
    call_id: z.string().trim().min(1).max(200),
    touch_run_id: uuid.nullish(),
    answered: z.boolean(),
    duration_seconds: z.number().int().min(0).max(86_400),
    verdict: z.enum(['hot', 'warm', 'cold']).nullish(),
    stated_intent: z.string().trim().max(500).nullish(),
    transcript: z.array(TranscriptTurn).max(500).default([]),
    ended_at: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

export type VoiceOutcomeBody = z.input<typeof VoiceOutcomeBody>;

export const ContextQuery = z
  .object({
    touch_run_id: uuid.optional(),
    provider: z.enum(['telnyx', 'twilio']).optional(),
    call_id: z.string().trim().min(1).max(200).optional(),
  })
  .refine((q) => q.touch_run_id !== undefined || (q.provider !== undefined && q.call_id !== undefined), {
    message: 'give touch_run_id, or provider and call_id',
  });

/** What public.voice_call_context answers for a known call. */
export const VoiceCallContext = z
  .object({
    outcome: z.literal('found'),
    touch_run_id: uuid,
    account_id: uuid,
    lead_id: uuid,
    provider: z.string().optional(),
    call_id: z.string().optional(),
    persona: z.string().optional(),
    language: z.string().optional(),
    message_class: z.string().optional(),
    script_key: z.string().optional(),
    opening: z.string().optional(),
    lead_first_name: z.string().optional(),
    business_name: z.string().optional(),
    vertical: z.string().optional(),
    campaign_name: z.string().optional(),
  })
  .passthrough();
export type VoiceCallContext = z.infer<typeof VoiceCallContext>;

