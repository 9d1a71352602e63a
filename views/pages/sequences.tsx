/**
 * Follow-up sequences (issue 18): the list (running / paused / completed runs per
 * sequence, on/off), the step drafts waiting for approval, and the editor (name, trigger,
 * steps: channel, delay, unit, subject, body, requires approval). A step with an unknown
 * template variable is refused by the database with the campaign builder's message.
 */
import type { FC } from 'hono/jsx';
import type { SequenceRow, SequencesPageData } from '../../api/domain/sequences.ts';
import { Badge, Csrf, Empty, Guard, Notice, Table, Time } from '../ui.tsx';

export type SequenceNotice = { kind: 'ok' | 'error'; text: string };

const TRIGGERS = [
  ['meeting_requested', 'A reply tagged Meeting Requested'],
  ['no_response', 'No reply after N days'],
  ['booking_reminder', 'A booked meeting (reminders before it)'],
  ['manual', 'Started by hand'],
] as const;
const UNITS = [
  ['business_hours', 'business hours'],
  ['days', 'days'],
  ['hours_before_meeting', 'hours before the meeting'],
] as const;

const Variables: FC<{ names: string[] }> = ({ names }) => (
  <p class="muted" id="sequence-variables">
    Template variables: {names.map((n, i) => <>{i ? ', ' : ''}<code>{`{{${n}}}`}</code></>)}.
    A default is written <code>{'{{first_name|there}}'}</code>; a variable the lead has no value for pauses the run (missing_lead_data), it never sends a blank.
  </p>
);

export const SequencesPage: FC<{ p: SequencesPageData; csrf: string; canEdit: boolean; canAct: boolean; notice?: SequenceNotice }> = ({ p, csrf, canEdit, canAct, notice }) => (
  <section id="sequences">
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <h2>Sequences</h2>
    {p.sequences.length === 0 ? (
      <Empty>No sequence yet. A sequence sends follow-ups after a trigger: a Meeting Requested reply, silence, a booked meeting, or a person.</Empty>
    ) : (
      <Table id="sequence-list">
        <thead><tr><th>Name</th><th>Starts on</th><th>Steps</th><th>Running</th><th>Paused</th><th>Completed</th><th>State</th><th></th></tr></thead>
        <tbody>
          {p.sequences.map((s) => (
            <tr data-sequence-id={s.id}>
              <td><a href={`/sequences/${s.id}`}>{s.name}</a></td>
              <td>{s.trigger_on.replaceAll('_', ' ')}{s.no_response_days ? ` (${s.no_response_days} days)` : ''}</td>
              <td>{s.steps.length}</td>
              <td data-count="running">{s.running}</td>
              <td data-count="paused">{s.paused}</td>
              <td data-count="completed">{s.completed}</td>
              <td><Badge value={s.archived_at ? 'archived' : s.is_active ? 'active' : 'off'} /></td>
              <td>
                {s.archived_at ? null : (
                  <Guard allowed={canEdit}>
                    <form method="post" action={`/sequences/${s.id}/active`} class="inline-form">
                      <Csrf token={csrf} />
                      <input type="hidden" name="active" value={s.is_active ? 'false' : 'true'} />
                      <button type="submit" class="secondary">{s.is_active ? 'Switch off' : 'Switch on'}</button>
                    </form>
                  </Guard>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}

    <h3>Step drafts waiting for approval</h3>
    {p.drafts.length === 0 ? (
      <Empty>No step draft is waiting.</Empty>
    ) : (
      <Table id="sequence-drafts">
        <thead><tr><th>Lead</th><th>Sequence</th><th>Step</th><th>Message</th><th>Made</th><th></th></tr></thead>
        <tbody>
          {p.drafts.map((d) => (
            <tr data-draft-id={d.id}>
              <td><a href={`/leads/${d.lead_id}`}>{d.lead_name || 'Lead'}</a></td>
              <td>{d.sequence_name}</td>
              <td>{d.step_order} · {d.channel}</td>
              <td>{d.subject ? <><strong>{d.subject}</strong><br /></> : null}{d.body}</td>
              <td><Time at={d.created_at} /></td>
              <td>
                <Guard allowed={canAct}>
                  <form method="post" action={`/sequences/drafts/${d.id}/approve`} class="inline-form">
                    <Csrf token={csrf} /><button type="submit">Approve &amp; send</button>
                  </form>
                  <form method="post" action={`/sequences/drafts/${d.id}/reject`} class="inline-form">
                    <Csrf token={csrf} /><button type="submit" class="secondary outline">Skip step</button>
                  </form>
                </Guard>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    )}

    <h3>New sequence</h3>
    <Guard allowed={canEdit}>
      <form method="post" action="/sequences/new" id="sequence-new">
        <Csrf token={csrf} />
        <SequenceSettings />
        <button type="submit">Create sequence</button>
        <p class="muted">It starts switched off. Add its steps, then switch it on.</p>
      </form>
    </Guard>
  </section>
);

const SequenceSettings: FC<{ s?: SequenceRow }> = ({ s }) => (
  <>
    <label>Name <input name="name" required maxlength={200} value={s?.name ?? ''} placeholder="Meeting requested follow-up" /></label>
    <label>Starts on
      <select name="trigger_on" disabled={s?.is_active ?? false}>
        {TRIGGERS.map(([v, label]) => <option value={v} selected={(s?.trigger_on ?? 'manual') === v}>{label}</option>)}
      </select>
    </label>
    <label>Days without a reply <small class="muted">(no-response sequences)</small>
      <input name="no_response_days" type="number" min="1" max="90" value={String(s?.no_response_days ?? 3)} />
    </label>
  </>
);

/** One step's row of the editor; n is its position, blank is the "add a step" row. */
const StepFields: FC<{ n: number; step?: SequenceRow['steps'][number] }> = ({ n, step }) => (
  <fieldset class="sequence-step" data-step={n}>
    <legend>{step ? `Step ${n}` : 'Add a step'}</legend>
    <div class="grid">
      <label>Channel
        <select name={`step_${n}_channel`}>
          {(['sms', 'whatsapp', 'email'] as const).map((c) => <option value={c} selected={(step?.channel ?? 'sms') === c}>{c}</option>)}
        </select>
      </label>
      <label>Delay <input name={`step_${n}_delay_amount`} type="number" min="0" max="2160" value={String(step?.delay_amount ?? 1)} /></label>
      <label>Unit
        <select name={`step_${n}_delay_unit`}>
          {UNITS.map(([v, label]) => <option value={v} selected={(step?.delay_unit ?? 'days') === v}>{label}</option>)}
        </select>
      </label>
    </div>
    <input name={`step_${n}_subject`} placeholder="Subject (email only)" maxlength={998} value={step?.subject ?? ''} />
    <textarea name={`step_${n}_body`} rows={3} maxlength={1600} placeholder={step ? '' : 'Message, e.g. Hi {{first_name|there}}, does Tuesday work?'}>{step?.body ?? ''}</textarea>
    <label><input type="checkbox" name={`step_${n}_requires_approval`} value="true" checked={step?.requires_approval ?? false} /> A person approves it before it is sent</label>
    {step ? <label><input type="checkbox" name={`step_${n}_remove`} value="true" /> Remove this step</label> : null}
  </fieldset>
);

export const SequenceEditorPage: FC<{ s: SequenceRow; variables: string[]; csrf: string; canEdit: boolean; notice?: SequenceNotice }> = ({ s, variables, csrf, canEdit, notice }) => (
  <section id="sequence-editor" data-sequence-id={s.id}>
    {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
    <p><a href="/sequences">← Sequences</a></p>
    <h2>{s.name} <Badge value={s.archived_at ? 'archived' : s.is_active ? 'active' : 'off'} /></h2>
    <p class="muted">Running {s.running} · paused {s.paused} · completed {s.completed} · canceled {s.canceled}</p>
    <Variables names={variables} />
    <Guard allowed={canEdit && !s.archived_at}>
      <form method="post" action={`/sequences/${s.id}`} id="sequence-form">
        <Csrf token={csrf} />
        <SequenceSettings s={s} />
        {s.is_active ? <input type="hidden" name="trigger_on" value={s.trigger_on} /> : null}
        {s.steps.map((st) => <StepFields n={st.step_order} step={st} />)}
        <StepFields n={s.steps.length + 1} />
        <button type="submit">Save sequence</button>
      </form>
      <div class="actions-grid">
        <form method="post" action={`/sequences/${s.id}/active`}>
          <Csrf token={csrf} />
          <input type="hidden" name="active" value={s.is_active ? 'false' : 'true'} />
          <input type="hidden" name="back" value="editor" />
          <button type="submit" class="secondary">{s.is_active ? 'Switch off' : 'Switch on'}</button>
        </form>
        <form method="post" action={`/sequences/${s.id}/archive`}>
          <Csrf token={csrf} />
          <button type="submit" class="secondary outline">Archive</button>
        </form>
      </div>
    </Guard>
  </section>
);

/** The Inbox's pointer to sequence steps waiting for approval (they are approved on the Sequences page). */
export const SequenceDraftsNotice: FC<{ n: number }> = ({ n }) =>
  n > 0 ? (
    <p class="notice notice-info" id="sequence-drafts-waiting">
      {n} follow-up sequence step{n === 1 ? '' : 's'} wait{n === 1 ? 's' : ''} for approval: <a href="/sequences#sequence-drafts">review on Sequences</a>.
    </p>
  ) : null;
