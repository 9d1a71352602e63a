/**
 * Command OS request and reply contracts (zod; z.toJSONSchema feeds the OpenAPI document).
 */
import { z } from 'zod';
import { IntentSchema, LangSchema } from './intents.ts';

export const COMMAND_TEXT_MAX = 500;

export const CommandRequestSchema = z.object({
  text: z
    .string({ error: 'text is required' })
    .trim()
    .min(1, 'text must not be empty')
    .max(COMMAND_TEXT_MAX, `text must be at most ${COMMAND_TEXT_MAX} characters`)
    .describe('What the operator typed, in Spanish or English ("prende craigslist miami")'),
  confirm: z
    .boolean()
    .optional()
    .describe('Confirms what a previous reply asked to confirm (the same as sending its confirm_text)'),
});
export type CommandRequest = z.infer<typeof CommandRequestSchema>;

export const CommandResultSchema = z.object({
  intent: z.union([IntentSchema, z.literal('unknown')]).describe('Seed 001 intent name; unknown when nothing matched'),
  ok: z.boolean().describe('true when the command did what was asked (a change: re-read and confirmed)'),
  lang: LangSchema,
  message: z.string().describe('Answer for the operator, in their language'),
  parsed_by: z.enum(['rules', 'llm', 'none']).optional().describe('Which parser chose the intent'),
  phrased_by: z
    .enum(['rules', 'model'])
    .optional()
    .describe('model: the message was re-phrased by the OpenAI model from the data (every number and name checked against it); rules: the rule-based text'),
  data: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Structured result; `rows` (an array of flat objects) is what the console shows as a table'),
  needs_confirmation: z
    .object({
      prompt: z.string(),
      confirm_text: z.string().describe('Send this text back (or the same request with confirm: true) to go ahead'),
    })
    .optional(),
  needs_setup: z.object({ reason: z.string() }).optional(),
  error: z.object({ code: z.string(), reason: z.string() }).optional(),
});
export type CommandResult = z.infer<typeof CommandResultSchema>;

export const CommandBadRequestSchema = z.object({ error: z.literal('invalid_request'), reason: z.string() });
