/**
 * Database errors as sentences an operator can act on. The database's CHECK
 * constraints and functions are the validation; this only names them.
 */
const CONSTRAINTS: Record<string, { field: string; message: string }> = {
  org_settings_business_name_check: { field: 'business_name', message: 'The business name needs 1 to 200 characters.' },
  org_settings_persona_name_check: { field: 'persona_name', message: 'The assistant name needs 1 to 100 characters.' },
  org_settings_leadgen_routing_radius_check: { field: 'radius_miles', message: 'The radius must be a number of miles between 1 and 50.' },
  org_settings_leadgen_routing_address_check: { field: 'dealer_address', message: 'Active routing needs the dealer address.' },
  org_settings_leadgen_routing_shape_check: { field: 'dealer_address', message: 'The routing settings are malformed.' },
  org_settings_send_window_check: { field: 'send_window', message: 'The send window must start before it ends, within 08:00–21:00.' },
  org_settings_vertical_check: { field: 'vertical', message: 'The vertical is lower-case letters, digits and underscores.' },
  ai_personas_name_check: { field: 'persona', message: 'A persona needs a name of 1 to 100 characters.' },
  ai_personas_tone_check: { field: 'persona', message: 'The tone needs 1 to 200 characters.' },
  ai_personas_signature_check: { field: 'persona', message: 'The signature needs 1 to 1000 characters.' },
  org_settings_ai_tone_check: { field: 'ai_tone', message: 'The tone needs 1 to 200 characters.' },
  org_settings_ai_signature_check: { field: 'ai_signature', message: 'The signature needs 1 to 1000 characters.' },
  org_settings_slack_review_channel_check: { field: 'slack_review_channel', message: 'The Slack review channel is a channel id such as C0123ABCD (channel details → the id at the bottom).' },
  email_address_check: { field: 'email', message: 'That is not an email address (like name@example.com).' },
  e164_phone_check: { field: 'phone', message: 'Phone numbers are written in international format, like +13055550100.' },
  time_zone_check: { field: 'timezone', message: 'That is not a time zone name (like America/New_York).' },
  suppressions_reason_check: { field: 'reason', message: 'The reason is a lower-case word.' },
};

export interface ReadableError {
  field: string | null;
  message: string;
  status: 400 | 404 | 409;
  code: string;
}

interface PgError {
  code?: string;
  message?: string;
  detail?: string;
  constraint_name?: string;
  column_name?: string;
}

/** Null when the error is not one the user caused (then it is ours: 500). */
export function readableDbError(error: unknown): ReadableError | null {
  const e = error as PgError;
  if (!e || typeof e.code !== 'string') return null;
  if (e.code === '23514' || e.code === '23502') {
    const known = e.constraint_name ? CONSTRAINTS[e.constraint_name] : undefined;
    if (known) return { ...known, status: 400, code: e.constraint_name! };
    return {
      field: e.column_name ?? null,
      message: e.code === '23502' ? `${e.column_name ?? 'A value'} is required.` : 'That value is not allowed.',
      status: 400,
      code: e.constraint_name ?? 'check_violation',
    };
  }
  if (e.code === '22023' || e.code === '22P02' || e.code === '22007' || e.code === '22008' || e.code === '54000') {
    return { field: null, message: sentence(e.detail || e.message || 'invalid input'), status: 400, code: e.message ?? e.code };
  }
  if (e.code === 'P0002') return { field: null, message: sentence(e.detail || 'not found'), status: 404, code: e.message ?? 'not_found' };
  if (e.code === '23505') {
    // A function's own refusal says what exists; a bare unique index does not.
    // It may name the form field it concerns (raise ... using column = 'senders').
    const own = !e.constraint_name && e.detail;
    return { field: (own && e.column_name) || null, message: own ? sentence(e.detail!) : 'That already exists.', status: 409, code: e.constraint_name ?? e.message ?? 'unique_violation' };
  }
  // object_not_in_prerequisite_state: e.g. campaign_archived, last_step_of_active_campaign.
  if (e.code === '55000') return { field: null, message: sentence(e.detail || e.message || 'not possible now'), status: 409, code: e.message ?? e.code };
  if (e.code === 'P0001') return { field: null, message: sentence(e.detail || e.message || 'refused'), status: 409, code: e.message ?? 'refused' };
  return null;
}

function sentence(s: string): string {
  const t = s.trim();
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
