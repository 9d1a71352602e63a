/**
 * The two lists SQL owns that TypeScript needs at build time: the lead states
 * (public.lead_states) and the next actions brain.lead_next_action_at decides
 * (lead_next_action_view_v5.next_action). They are declared here once, because
 * zod schemas (the console's filters, Command OS's parser and the model's
 * structured output) must be static; tests/command-os.test.ts fails when
 * either differs from SQL.
 */

/** public.lead_states, in funnel order. */
export const LEAD_STATES = [
  'new',
  'touched',
  'responded',
  'email_captured',
  'high_intent',
  'in_call_queue',
  'appointment_booked',
  'closed',
  'dead',
  'suppressed',
] as const;
export type LeadState = (typeof LEAD_STATES)[number];

/** Every value lead_next_action_view_v5.next_action can take, in the console's filter order. */
export const NEXT_ACTIONS = ['send', 'reactivate', 'cooldown', 'stop_all', 'do_nothing'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];
