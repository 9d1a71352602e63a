/**
 * The campaign builder: a campaign's settings, its steps (channel, delay,
 * subject, body, fallback matrix), the known template variables, a preview of
 * a step for a chosen lead, copy and archive. Every save goes through one SQL
 * function (api/domain/campaign-builder.ts); a running campaign's change is
 * shown with the enrolled leads it reaches before it is made.
 */
import type { FC } from 'hono/jsx';
import type { Builder, BuilderStep, Preview, StepChange } from '../../api/domain/campaign-builder.ts';
import { Badge, Csrf, Empty, Guard, Notice } from '../ui.tsx';

export type BuilderNotice = { kind: 'ok' | 'error'; text: string };

const CHANNELS = ['sms', 'whatsapp', 'voice', 'email'] as const;

/** "sms:1, voice:2" from {sms: 1, voice: 2}. */
function pairs(map: Record<string, number> | undefined): string {
  return Object.entries(map ?? {})
    .map(([k, v]) => `${k}:${v}`)
    .join(', ');
}

const CampaignFields: FC<{ c?: Builder['campaign']; personas?: Builder['personas'] }> = ({ c, personas }) => (
  <>
    <label>Campaign key <input name="campaign_key" required pattern="[a-z0-9][a-z0-9_]{0,79}" value={c?.campaign_key ?? ''} placeholder="autos_outbound_miami" /></label>
    <label>Name <input name="name" required maxlength={200} value={c?.name ?? ''} placeholder="Autos outbound — Miami" /></label>
    <label>Description <textarea name="description" maxlength={2000} rows={2}>{c?.description ?? ''}</textarea></label>
    <label>Message class <input name="message_class" required pattern="[a-z][a-z0-9_]{0,39}" value={c?.message_class ?? 'cold_outreach'} /></label>
    <label><input type="checkbox" name="auto_enroll" value="true" checked={c?.auto_enroll ?? false} /> Enroll new matching leads automatically</label>
    <label>
      <input type="checkbox" name="allow_role_addresses" value="true" checked={c?.allow_role_addresses ?? false} /> Email role addresses too (info@, sales@)
      <small class="muted"> Off: leads whose only email is a shared mailbox are not emailed by this campaign; their other channels go on.</small>
    </label>
    <label>Replies to this campaign
      <select name="response_mode">
        <option value="setter_managed" selected={(c?.response_mode ?? 'setter_managed') === 'setter_managed'}>A person approves every AI draft (setter managed)</option>
        <option value="ai_auto_send" selected={c?.response_mode === 'ai_auto_send'}>Confident AI drafts go out on their own (AI auto-send)</option>
      </select>
    </label>
    <label>Auto-send confidence threshold <small class="muted">(0.5–1; below it a person decides)</small>
      <input name="auto_send_threshold" type="number" min="0.5" max="1" step="0.01" value={String(c?.auto_send_threshold ?? 0.9)} />
    </label>
    {personas && personas.length > 0 ? (
      <label>Drafts speak as
        <select name="ai_persona_id">
          <option value="" selected={!c?.ai_persona_id}>The default persona (Settings)</option>
          {personas.map((p) => <option value={p.id} selected={c?.ai_persona_id === p.id}>{p.name}{p.is_default ? ' (default)' : ''}</option>)}
        </select>
      </label>
    ) : null}
  </>
);

export const NewCampaignPage: FC<{ csrf: string; canEdit: boolean; notice?: BuilderNotice; copyOf?: { id: string; name: string } }> = ({ csrf, canEdit, notice }) => (
  <section id="campaign-new">
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <Guard allowed={canEdit}>
      <form method="post" action="/campaigns/new">
        <Csrf token={csrf} />
        <CampaignFields />
        <button type="submit">Create campaign</button>
        <p class="muted">It starts switched off. Add its steps, then switch it on from the Campaigns page.</p>
      </form>
    </Guard>
  </section>
);

const StepFields: FC<{ s?: BuilderStep }> = ({ s }) => (
  <>
    <div class="grid">
      <label>Channel
        <select name="channel">
          {CHANNELS.map((ch) => <option value={ch} selected={s?.channel === ch}>{ch}</option>)}
        </select>
      </label>
      <label>Delay (minutes after the previous step) <input type="number" name="delay_minutes" min={0} max={525600} value={String(s?.delay_minutes ?? 0)} /></label>
      <label>Language <input name="language" pattern="[a-z]{2}" value={s?.language ?? 'en'} /></label>
    </div>
    <label>Subject (email) <input name="subject" maxlength={300} value={s?.subject ?? ''} /></label>
    <label>Body (for voice: the opening script) <textarea name="body" rows={3} maxlength={5000}>{s?.body ?? ''}</textarea></label>
    <details>
      <summary>Fallback matrix</summary>
      <label>Channel order <input name="fallback_order" value={(s?.fallback?.order ?? []).join(', ')} placeholder="sms, voice, whatsapp, email" /></label>
      <label>Attempts per channel <input name="fallback_attempts" value={pairs(s?.fallback?.max_attempts)} placeholder="sms:1, voice:2" /></label>
      <label>Cooldown minutes per channel <input name="fallback_cooldowns" value={pairs(s?.fallback?.cooldown_minutes)} placeholder="sms:2, voice:30" /></label>
      <small class="muted">Leave the order empty for no fallback: when the step's channel is used up, the lead moves on.</small>
    </details>
  </>
);

/** What a pending change of a running campaign reaches, with the button that makes it anyway. */
const Confirm: FC<{ change: StepChange; action: string; csrf: string; hidden: Record<string, string> }> = ({ change, action, csrf, hidden }) => (
  <div class="confirm" data-testid="needs-confirmation" data-affected={String(change.affected_leads ?? 0)}>
    <Notice kind="info">
      This campaign is running: the change reaches {change.affected_leads} enrolled lead{change.affected_leads === 1 ? '' : 's'} who have not passed
      step {change.step ?? ''} yet{change.sample?.length ? <>, e.g. {change.sample.map((l) => l.name ?? l.lead_id.slice(0, 8)).join(', ')}</> : null}. Nothing changed yet.
    </Notice>
    <form method="post" action={action}>
      <Csrf token={csrf} />
      {Object.entries(hidden).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <input type="hidden" name="confirm" value="true" />
      <button type="submit">Make the change anyway</button> <a href="?">Cancel</a>
    </form>
  </div>
);

export const CampaignBuilderPage: FC<{
  b: Builder;
  csrf: string;
  canEdit: boolean;
  notice?: BuilderNotice;
  pending?: { change: StepChange; action: string; hidden: Record<string, string> };
  preview?: Preview & { lead_label: string };
}> = ({ b, csrf, canEdit, notice, pending, preview }) => {
  const c = b.campaign;
  const base = `/campaigns/${c.id}`;
  const archived = c.archived_at !== null;
  return (
    <section id="campaign-builder" data-campaign-id={c.id}>
      <p>
        <Badge value={archived ? 'archived' : c.is_active ? 'active' : 'paused'} /> <code>{c.campaign_key}</code> · {c.enrolled} enrolled ·{' '}
        <a href="/campaigns">all campaigns</a>
      </p>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      {pending ? <Confirm change={pending.change} action={pending.action} csrf={csrf} hidden={pending.hidden} /> : null}
      {archived ? <Notice kind="info">Archived: it cannot run or be edited. Copy it to start a new one.</Notice> : null}

      <h2>Settings</h2>
      <Guard allowed={canEdit && !archived}>
        <form method="post" action={`${base}/settings`} id="campaign-settings">
          <Csrf token={csrf} />
          <CampaignFields c={c} personas={b.personas} />
          <button type="submit">Save settings</button>
        </form>
      </Guard>

      <h2>Steps</h2>
      {b.steps.length === 0 ? <Empty>No steps yet: a campaign needs at least one before it can be switched on.</Empty> : null}
      {b.steps.map((s) => (
        <article class="step" id={`step-${s.step}`} data-step={String(s.step)} data-channel={s.channel}>
          <header>
            <strong>Step {s.step}</strong> · {s.channel} · after {s.delay_minutes} min
          </header>
          <Guard allowed={canEdit && !archived}>
            <form method="post" action={`${base}/steps/${s.step}`}>
              <Csrf token={csrf} />
              <StepFields s={s} />
              <button type="submit">Save step {s.step}</button>
            </form>
            <div class="step-actions">
              {s.step > 1 ? (
                <form method="post" action={`${base}/steps/${s.step}/move`} class="inline">
                  <Csrf token={csrf} /><input type="hidden" name="to" value={String(s.step - 1)} />
                  <button type="submit" class="secondary">Move up</button>
                </form>
              ) : null}
              {s.step < b.steps.length ? (
                <form method="post" action={`${base}/steps/${s.step}/move`} class="inline">
                  <Csrf token={csrf} /><input type="hidden" name="to" value={String(s.step + 1)} />
                  <button type="submit" class="secondary">Move down</button>
                </form>
              ) : null}
              <form method="post" action={`${base}/steps/${s.step}/move`} class="inline">
                <Csrf token={csrf} /><input type="hidden" name="to" value="" />
                <button type="submit" class="secondary">Remove</button>
              </form>
            </div>
          </Guard>
          <form method="get" action={`${base}/edit`} class="preview-form">
            <input type="hidden" name="preview_step" value={String(s.step)} />
            <label>Preview for a lead <input name="lead" placeholder="phone, email or name" /></label>
            <button type="submit" class="secondary">Preview</button>
          </form>
          {preview && preview.step === s.step ? (
            <div class="preview" data-testid="preview" data-problems={preview.problems.join(' ')}>
              <p class="muted">As {preview.lead_label} would receive it:</p>
              {preview.problems.length ? (
                <Notice kind="error">Not sent to this lead: {preview.problems.join(', ')}.</Notice>
              ) : (
                <>
                  {preview.subject ? <p><strong>{preview.subject}</strong></p> : null}
                  <pre class="message">{preview.body ?? ''}</pre>
                </>
              )}
            </div>
          ) : null}
        </article>
      ))}
      <Guard allowed={canEdit && !archived}>
        <details open={b.steps.length === 0}>
          <summary>Add a step</summary>
          <form method="post" action={`${base}/steps`} id="add-step">
            <Csrf token={csrf} />
            <StepFields />
            <button type="submit">Add step</button>
          </form>
        </details>
      </Guard>

      <h2>Template variables</h2>
      <p class="muted">Write <code>{'{{first_name}}'}</code>, or <code>{'{{first_name|there}}'}</code> for a default. A variable the lead has no value for, without a default, stops the touch and pauses the lead's enrollment.</p>
      <ul class="plain" id="template-variables">
        {b.variables.map((v) => (
          <li><code>{`{{${v.name}}}`}</code> <small class="muted">{v.description}</small></li>
        ))}
      </ul>

      <h2>Copy or archive</h2>
      <Guard allowed={canEdit}>
        <form method="post" action={`${base}/copy`} class="inline">
          <Csrf token={csrf} />
          <input name="campaign_key" required pattern="[a-z0-9][a-z0-9_]{0,79}" placeholder="new_campaign_key" />
          <input name="name" required maxlength={200} placeholder="New name" />
          <button type="submit" class="secondary">Copy</button>
        </form>
        {archived ? null : (
          <form method="post" action={`${base}/archive`} class="inline">
            <Csrf token={csrf} />
            <label><input type="checkbox" name="sure" value="yes" required /> It stops for good and its enrollments end</label>
            <button type="submit" class="secondary">Archive</button>
          </form>
        )}
      </Guard>
    </section>
  );
};
