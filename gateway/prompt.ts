/**
 * What the model is told: the system prompt built from the call's context
 * (the touch payload and the lead's persona, read from the API by
 * public.voice_call_context) and the one tool through which it reports the
 * call's verdict.
 */
import { z } from 'zod';
import type { RealtimeFunctionTool } from 'openai/resources/realtime/realtime';
import type { VoiceCallContext } from './wire.ts';

export const OUTCOME_TOOL_NAME = 'record_call_outcome';

export const OUTCOME_TOOL: RealtimeFunctionTool = {
  type: 'function',
  name: OUTCOME_TOOL_NAME,
  description:
    'Record how interested the person on the phone is, as soon as you can tell, and again if it changes. ' +
    'hot: wants to buy, book, visit or talk to a person now; warm: interested but not now; ' +
    'cold: not interested, wrong person, or asked not to be called.',
  parameters: {
    type: 'object',
    additionalProperties: false,
    properties: {
      verdict: { type: 'string', enum: ['hot', 'warm', 'cold'] },
      stated_intent: { type: 'string', description: 'What the person said they want, in a few words.' },
    },
    required: ['verdict'],
  },
};

export const OutcomeArguments = z.object({
  verdict: z.enum(['hot', 'warm', 'cold']),
  stated_intent: z.string().trim().max(500).optional(),
});

/** seed 004 Part 7: the persona speaking to the lead. */
const PERSONA_ROLE: Record<string, string> = {
  initial: 'This is the first call to this person.',
  nudge: 'This is a follow-up: the person was contacted before and did not answer yet.',
  booking: 'The person showed interest before: your goal is to book an appointment or a visit.',
};

const LANGUAGE: Record<string, string> = { en: 'English', es: 'Spanish', pt: 'Portuguese' };

/** Context fields are data about the lead and the business, quoted so they read as data, not as instructions. */
function quoted(value: string | undefined, max = 300): string | null {
  if (!value) return null;
  const clean = value.replace(/[\r\n]+/g, ' ').replace(/"/g, "'").trim().slice(0, max);
  return clean === '' ? null : `"${clean}"`;
}

export function buildInstructions(context: VoiceCallContext | null): string {
  const business = quoted(context?.business_name) ?? 'the business';
  const lines = [
    `You are a friendly phone assistant calling on behalf of ${business}${context?.vertical ? ` (${context.vertical.replace(/_/g, ' ')})` : ''}.`,
    PERSONA_ROLE[context?.persona ?? 'initial'] ?? PERSONA_ROLE.initial!,
  ];
  const name = quoted(context?.lead_first_name, 60);
  if (name) lines.push(`You are speaking with ${name}.`);
  const language = LANGUAGE[context?.language ?? 'en'];
  lines.push(language ? `Speak ${language}, unless the person answers in another language.` : 'Answer in the language the person speaks.');
  const opening = quoted(context?.opening, 600);
  if (opening) lines.push(`Start the call by saying, in your own words: ${opening}`);
  else lines.push('Start by greeting the person and saying who you are calling for.');
  if (context?.campaign_name) lines.push(`The call belongs to the campaign ${quoted(context.campaign_name, 100)}.`);
  lines.push(
    'This is a phone call: keep every answer to one or two short sentences and stop talking when the person speaks.',
    'Find out whether the person is interested and what they want.',
    `As soon as you can tell, call ${OUTCOME_TOOL_NAME} with the verdict (hot, warm or cold) and their stated intent; then keep talking naturally.`,
    'If they want to talk to a person, tell them someone will call them back shortly.',
    'If they ask not to be called again, apologise, say they will not be called again, record the verdict cold and end politely.',
    'Never invent prices, availability or promises.',
  );
  return lines.join('\n');
}
