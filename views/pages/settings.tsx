/**
 * Settings and onboarding (seed 001 "Onboarding v1"): identity, contact and
 * LeadGen routing as three steps, then the send window, persona numbers and
 * providers. The database's CHECK constraints are the validation: their
 * errors come back inline as sentences.
 */
import type { FC } from 'hono/jsx';
import { type SenderHealth, type SettingsData } from '../../api/domain/settings.ts';
import { Badge, Csrf, Guard, Notice, Table, Time } from '../ui.tsx';
import { ProviderCredentials } from '../components/provider-credentials.tsx';


export type FieldErrors = Record<string, string>;

const Err: FC<{ e?: FieldErrors; k: string }> = ({ e, k }) =>
  e?.[k] ? <small class="field-error" role="alert" data-error-for={k}>{e[k]}</small> : null;


/**
 * Each sender's warm-up and reputation (issue 19): today's cap against its target, the
 * ramp's next days for an inbox still warming up, its health over 7 and 30 days, and
 * whether the guard paused it, with Resume and the "already warm" switch for owners and admins.
 */
const Senders: FC<{ rows: SenderHealth[]; csrf: string; canEdit: boolean; errors?: FieldErrors }> = ({ rows, csrf, canEdit, errors }) => (
  <section id="senders">
    <h2>Senders <small class="muted">warm-up and reputation</small></h2>
    <p class="muted"><small>
      A new inbox starts at its ramp's cap (20 a day, +10% a day) and grows to the provider's daily cap; a number sends at most its daily cap (250
      unless the provider settings say otherwise). Days are UTC days. An inbox is paused when more than 3% of its last 200 sends hard-bounced or
      more than 0.1% drew a complaint; a number whose last 200 texts drew more than 2% STOPs raises an alarm.
    </small></p>
    <Err e={errors} k="sender" />
    {rows.length === 0 ? <p class="muted">No senders yet: they appear with the provider settings below, or with their first send.</p> : (
      <Table id="sender-health">
        <thead><tr><th>Sender</th><th>Today</th><th>Ramp</th><th>Sends 7 d / 30 d</th><th>Bounces 30 d</th><th>Complaints 30 d</th><th>Opt-outs 30 d</th><th>State</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr data-sender={r.sender} data-channel={r.channel}>
              <td>{r.sender} <small class="muted">{r.channel}</small></td>
              <td data-cap-today={String(r.cap_today ?? '')}>{r.sends_1d} of {r.cap_today ?? '—'}{r.target !== null && r.cap_today !== r.target ? <small class="muted"> (target {r.target})</small> : null}</td>
              <td>
                {r.channel !== 'email' ? <small class="muted">no ramp</small>
                  : r.already_warm ? <small>already warm</small>
                  : <>
                      <small>day {r.ramp_day ?? 0}</small>
                      {r.schedule ? <small class="ramp-schedule" data-schedule={r.schedule.map((d) => d.cap).join(',')}><br />next 7 days: {r.schedule.map((d) => d.cap).join(' → ')}</small> : null}
                    </>}
                {r.channel === 'email' ? (
                  <Guard allowed={canEdit}>
                    <form class="inline-fields" hx-post="/settings/senders/warm" hx-target="#settings" hx-swap="outerHTML">
                      <Csrf token={csrf} />
                      <input type="hidden" name="sender" value={r.sender} />
                      <input type="hidden" name="already_warm" value={r.already_warm ? 'false' : 'true'} />
                      <button type="submit" class="secondary outline small">{r.already_warm ? 'Ramp it up again' : 'Already warm'}</button>
                    </form>
                  </Guard>
                ) : null}
              </td>
              <td>{r.sends_7d} / {r.sends_30d}</td>
              <td>{r.bounces_30d}{r.hard_bounces_30d ? <small class="muted"> ({r.hard_bounces_30d} hard)</small> : null}</td>
              <td>{r.complaints_30d}</td>
              <td>{r.opt_outs_30d}</td>
              <td>
                {r.paused ? (
                  <>
                    <Badge value="paused" tone="bad" /> <small>{r.paused_reason === 'complaint_rate' ? 'complaints' : 'bounces'} <Time at={r.paused_at} /></small>
                    <Guard allowed={canEdit}>
                      <form class="inline-fields" hx-post="/settings/senders/resume" hx-target="#settings" hx-swap="outerHTML"
                            hx-confirm={`Resume ${r.sender}? Clean the list first: it is paused again if its next sends bounce as often.`}>
                        <Csrf token={csrf} />
                        <input type="hidden" name="channel" value={r.channel} />
                        <input type="hidden" name="sender" value={r.sender} />
                        <button type="submit" class="small">Resume</button>
                      </form>
                    </Guard>
                  </>
                ) : <Badge value="sending" tone="ok" />}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}
  </section>
);

export const SettingsPage: FC<{ s: SettingsData; csrf: string; canEdit: boolean; canProviders: boolean; errors?: FieldErrors; notice?: { kind: 'ok' | 'error'; text: string }; step?: number }> = ({
  s,
  csrf,
  canEdit,
  canProviders,
  errors,
  notice,
  step,
}) => {
  const o = s.org;
  const r = o.leadgen_routing ?? {};
  const current = step ?? (o.onboarding_completed_at ? 0 : o.onboarding_step);
  const done = (n: number) => Boolean(o.onboarding_completed_at) || o.onboarding_step > n;
  return (
    <div id="settings">
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <p class="settings-tabs"><a href="/settings/team" id="team-link">Team: members, roles and invites →</a> · <a href="/settings/notifications" id="notifications-link">Your notifications: events, channels, digest time →</a></p>
      <section class="onboarding">
        <h2>Onboarding {o.onboarding_completed_at ? <Badge value="done" /> : <small class="muted">step {o.onboarding_step} of 3</small>}</h2>
        <ol class="steps">
          <li class={done(1) ? 'done' : current === 1 ? 'current' : ''}>Identity</li>
          <li class={done(2) ? 'done' : current === 2 ? 'current' : ''}>Contact</li>
          <li class={done(3) ? 'done' : current === 3 ? 'current' : ''}>LeadGen routing</li>
        </ol>
        <Guard allowed={canEdit}>
          <form id="step-identity" method="post" action="/settings/identity" hx-post="/settings/identity" hx-target="#settings" hx-swap="outerHTML">
            <Csrf token={csrf} />
            <fieldset>
              <legend>1 · Identity</legend>
              <label>Business name<input name="business_name" value={o.business_name ?? ''} required maxlength={200} aria-invalid={errors?.business_name ? 'true' : undefined} /></label>
              <Err e={errors} k="business_name" />
              <label>Assistant name <small class="muted">({'{{persona_name}}'} in messages)</small><input name="persona_name" value={o.persona_name ?? ''} maxlength={100} placeholder="Sofia" aria-invalid={errors?.persona_name ? 'true' : undefined} /></label>
              <Err e={errors} k="persona_name" />
              <label>Time zone<input name="timezone" value={o.timezone ?? ''} placeholder="America/New_York" aria-invalid={errors?.timezone ? 'true' : undefined} /></label>
              <Err e={errors} k="timezone" />
              <input type="hidden" name="vertical" value={o.vertical} />
            </fieldset>
            <button type="submit">Save identity</button>
          </form>
          <form id="step-contact" method="post" action="/settings/contact" hx-post="/settings/contact" hx-target="#settings" hx-swap="outerHTML">
            <Csrf token={csrf} />
            <fieldset>
              <legend>2 · Contact</legend>
              <label>Contact email<input name="contact_email" type="email" value={o.contact_email ?? ''} aria-invalid={errors?.contact_email ? 'true' : undefined} /></label>
              <Err e={errors} k="contact_email" />
              <label>Contact phone<input name="contact_phone" value={o.contact_phone ?? ''} placeholder="+13055550100" aria-invalid={errors?.contact_phone ? 'true' : undefined} /></label>
              <Err e={errors} k="contact_phone" />
              <label>WhatsApp<input name="contact_whatsapp" value={o.contact_whatsapp ?? ''} placeholder="+13055550100" aria-invalid={errors?.contact_whatsapp ? 'true' : undefined} /></label>
              <Err e={errors} k="contact_whatsapp" />
            </fieldset>
            <button type="submit">Save contact</button>
          </form>
          <form id="step-routing" method="post" action="/settings/routing" hx-post="/settings/routing" hx-target="#settings" hx-swap="outerHTML">
            <Csrf token={csrf} />
            <fieldset>
              <legend>3 · LeadGen routing</legend>
              <label>Dealer address<input name="dealer_address" value={r.dealer_address ?? ''} aria-invalid={errors?.dealer_address ? 'true' : undefined} /></label>
              <Err e={errors} k="dealer_address" />
              <label>Radius (miles)<input name="radius_miles" inputmode="decimal" value={r.radius_miles === undefined ? '' : String(r.radius_miles)} aria-invalid={errors?.radius_miles ? 'true' : undefined} /></label>
              <Err e={errors} k="radius_miles" />
              <label>City fallback<input name="city_fallback" value={r.city_fallback ?? ''} placeholder="miami" /></label>
              <label><input type="checkbox" role="switch" name="active" value="true" checked={r.active === true} /> Routing active</label>
            </fieldset>
            <button type="submit">Save routing</button>
          </form>
        </Guard>
      </section>

      <section>
        <h2>AI inbox</h2>
        <Guard allowed={canEdit}>
          <form id="ai-inbox-settings" hx-post="/settings/ai" hx-target="#settings" hx-swap="outerHTML">
            <Csrf token={csrf} />
            <label>Tone of the drafts <small class="muted">(when the campaign's or the default persona gives none)</small>
              <input name="ai_tone" value={o.ai_tone} maxlength={200} placeholder="friendly-professional" aria-invalid={errors?.ai_tone ? 'true' : undefined} />
            </label>
            <Err e={errors} k="ai_tone" />
            <label>Email signature <small class="muted">(the drafts sign as the assistant name above)</small>
              <textarea name="ai_signature" rows={3} maxlength={1000} aria-invalid={errors?.ai_signature ? 'true' : undefined}>{o.ai_signature ?? ''}</textarea>
            </label>
            <Err e={errors} k="ai_signature" />
            <label>
              <input type="checkbox" name="ai_auto_send_enabled" value="true" checked={o.ai_auto_send_enabled} />
              Let campaigns in <code>ai_auto_send</code> mode send confident drafts on their own (off: every draft waits for a person)
            </label>
            <label>Slack review channel id <small class="muted">(drafts that need review go to the lead's setter by DM, else here)</small>
              <input name="slack_review_channel" value={o.slack_review_channel ?? ''} maxlength={24} placeholder="C0123ABCD" aria-invalid={errors?.slack_review_channel ? 'true' : undefined} />
            </label>
            <Err e={errors} k="slack_review_channel" />
            <button type="submit">Save AI inbox settings</button>
          </form>
        </Guard>
      </section>

      <section id="booking">
        <h2>Booking</h2>
        <p class="muted">Messages can say <code>{'{{booking_link}}'}</code> and <code>{'{{availability}}'}</code> (two open 30-minute slots in the lead's time zone).
          The Calendly token goes under Providers below.</p>
        <Guard allowed={canEdit}>
          <form id="booking-settings" hx-post="/settings/booking" hx-target="#settings" hx-swap="outerHTML">
            <Csrf token={csrf} />
            <label>Booking provider
              <select name="booking_provider" aria-invalid={errors?.booking_provider ? 'true' : undefined}>
                <option value="none" selected={o.booking_provider === 'none'}>None</option>
                <option value="calendly" selected={o.booking_provider === 'calendly'}>Calendly</option>
              </select>
            </label>
            <Err e={errors} k="booking_provider" />
            <label>Booking link <small class="muted">(what {'{{booking_link}}'} says)</small>
              <input name="booking_link" type="url" value={o.booking_link ?? ''} maxlength={310} placeholder="https://calendly.com/your-team/30min" aria-invalid={errors?.booking_link ? 'true' : undefined} />
            </label>
            <Err e={errors} k="booking_link" />
            <label>Calendly event type <small class="muted">(30 minutes; its API address)</small>
              <input name="calendly_event_type_uri" type="url" value={o.calendly_event_type_uri ?? ''} maxlength={310} placeholder="https://api.calendly.com/event_types/…" aria-invalid={errors?.calendly_event_type_uri ? 'true' : undefined} />
            </label>
            <Err e={errors} k="calendly_event_type_uri" />
            <label>
              <input type="checkbox" name="auto_book_enabled" value="true" checked={o.auto_book_enabled} />
              Book automatically when a reply clearly accepts an offered time (otherwise a setter gets a task)
            </label>
            <button type="submit">Save booking settings</button>
          </form>
        </Guard>
        {s.availability ? (
          <p class="muted" id="availability-status">
            Availability: {s.availability.slots} open slot{s.availability.slots === 1 ? '' : 's'}
            {s.availability.fetched_at ? <> · fetched <Time at={s.availability.fetched_at} /></> : null}
            {s.availability.last_error ? <> · last error: {s.availability.last_error}</> : null}
            {s.availability.backoff_until ? <> · next try after <Time at={s.availability.backoff_until} /></> : null}
          </p>
        ) : null}
      </section>

      <section>
        <h2>AI personas <small class="muted">who the drafts speak as</small></h2>
        <p class="muted"><small>A campaign may pick one (campaign builder); else the default persona speaks; else the assistant name, tone and signature above.</small></p>
        <Err e={errors} k="persona" />
        <Table id="personas">
          <thead><tr><th>Name</th><th>Tone</th><th>Signature</th><th>Default</th><th></th></tr></thead>
          <tbody>
            {s.personas.map((p) => (
              <tr data-persona-id={p.id}>
                <td colspan={5}>
                  <Guard allowed={canEdit}>
                    <form hx-post="/settings/personas" hx-target="#settings" hx-swap="outerHTML" class="inline-fields">
                      <Csrf token={csrf} />
                      <input type="hidden" name="id" value={p.id} />
                      <input name="name" value={p.name} maxlength={100} required aria-label="Name" />
                      <input name="tone" value={p.tone ?? ''} maxlength={200} aria-label="Tone" />
                      <input name="signature" value={p.signature ?? ''} maxlength={1000} aria-label="Signature" />
                      <label><input type="checkbox" name="is_default" value="true" checked={p.is_default} /> default</label>
                      <button type="submit">Save</button>
                      <button type="button" class="secondary outline" hx-post={`/settings/personas/${p.id}/delete`} hx-target="#settings" hx-swap="outerHTML"
                              hx-confirm={`Remove the persona ${p.name}?`}>Remove</button>
                    </form>
                  </Guard>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Guard allowed={canEdit}>
          <form id="new-persona" hx-post="/settings/personas" hx-target="#settings" hx-swap="outerHTML" class="inline-fields">
            <Csrf token={csrf} />
            <input name="name" maxlength={100} required placeholder="Name (e.g. Sofia)" aria-label="Name" />
            <input name="tone" maxlength={200} placeholder="Tone (e.g. warm and brief)" aria-label="Tone" />
            <input name="signature" maxlength={1000} placeholder="Signature" aria-label="Signature" />
            <label><input type="checkbox" name="is_default" value="true" /> default</label>
            <button type="submit">Add persona</button>
          </form>
        </Guard>
      </section>

      <section>
        <h2>Send window</h2>
        <Guard allowed={canEdit}>
          <form id="send-window" hx-post="/settings/window" hx-target="#settings" hx-swap="outerHTML" class="inline-fields">
            <Csrf token={csrf} />
            <label>From<input type="time" name="send_window_start" value={o.send_window_start} /></label>
            <label>To<input type="time" name="send_window_end" value={o.send_window_end} /></label>
            <button type="submit">Save window</button>
          </form>
          <Err e={errors} k="send_window" />
          <p class="muted"><small>In each lead's own time zone; the law allows 08:00–21:00.</small></p>
        </Guard>
      </section>

      <section id="enrichment-settings">
        <h2>Enrichment wait</h2>
        <Guard allowed={canEdit}>
          <form id="enrichment-wait" hx-post="/settings/enrichment" hx-target="#settings" hx-swap="outerHTML" class="inline-fields">
            <Csrf token={csrf} />
            <label>Wait up to (minutes)
              <input type="number" name="enrichment_wait_minutes" min="0" max="1440" step="1" value={String(Math.round((o.enrichment_wait_seconds ?? 600) / 60))} />
            </label>
            <button type="submit">Save wait</button>
          </form>
          <Err e={errors} k="enrichment_wait" />
        </Guard>
        <p class="muted"><small>
          A new lead, or a changed phone or email, is checked first: the number's line type and carrier, the email's syntax and mail
          server. Until then its touches wait, for at most this long (0: never wait); after that they go on with what is known and the
          lead's page says so.
        </small></p>
      </section>

      <section>
        <h2>Personas, numbers and providers</h2>
        <Table id="providers">
          <thead><tr><th>Channel</th><th>Provider</th><th>Senders (persona)</th></tr></thead>
          <tbody>
            {s.providers.map((p) => (
              <tr>
                <td>{p.channel}</td>
                <td>{p.provider} {p.is_default ? <Badge value="default" tone="info" /> : null}</td>
                <td><small>{(p.config.senders ?? []).map((x) => `${x.address}${x.persona ? ` (${x.persona})` : ''}`).join(', ') || (p.config.daily_cap ? `daily cap ${p.config.daily_cap}` : '—')}</small></td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Guard allowed={canProviders}>
          <form id="provider-form" hx-post="/settings/provider" hx-target="#settings" hx-swap="outerHTML">
            <Csrf token={csrf} />
            <div class="grid">
              <label>Channel<select name="channel"><option>sms</option><option>voice</option><option>whatsapp</option><option>email</option></select></label>
              <label>Provider<select name="provider"><option>sink</option><option>twilio</option><option>telnyx</option><option>elastic_email</option></select></label>
            </div>
            <label>Senders, one per line: number-or-address persona
              <textarea name="senders" rows={3} placeholder={'+13055550101 initial\n+13055550103 nudge'}></textarea>
            </label>
            <label>Daily cap per sender <small class="muted">(optional; an inbox's warm-up target, default 500; a number's cap, default 250)</small>
              <input type="number" name="daily_cap" min="1" max="100000" step="1" />
            </label>
            <Err e={errors} k="senders" />
            <button type="submit">Save provider</button>
          </form>
        </Guard>
      </section>

      <Senders rows={s.senders ?? []} csrf={csrf} canEdit={canEdit} errors={errors} />

      <ProviderCredentials rows={s.credentials} csrf={csrf} canEdit={canProviders} errors={errors} />
    </div>
  );
};
