/**
 * Follow-up sequences (issue 18), mounted at /: the Sequences page (/sequences: list,
 * drafts awaiting approval, new), the editor (/sequences/:id), on/off and archive (owner
 * and admin, like campaigns), step-draft approval (setters too), and the lead page's
 * Follow-ups actions (/leads/:id/followups/*: setters may act on leads). Thin: parse the
 * form, one call to api/domain/sequences.ts, render views/.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import { loadLead } from '../domain/leads.ts';
import {
  approveSequenceDraft,
  archiveSequence,
  cancelEnrollment,
  loadSequencesPage,
  rejectSequenceDraft,
  resumeEnrollment,
  saveSequence,
  setLeadAutoFollowups,
  setSequenceActive,
  snoozeLeadFollowups,
  snoozeLeadFollowupsUntilDate,
  startSequenceForLead,
  type SequenceFields,
} from '../domain/sequences.ts';
import { Notice } from '../../views/ui.tsx';
import { LeadPage } from '../../views/pages/lead.tsx';
import { SequenceEditorPage, SequencesPage, type SequenceNotice } from '../../views/pages/sequences.tsx';
import { readableDbError } from './errors.ts';
import { actor, type Ctx, type Form, fullPage, text } from './helpers.tsx';

class FormError extends Error {}
const invalid = (detail: string) => Object.assign(new Error('invalid_argument'), { code: '22023', detail });

/** The editor's step rows (step_<n>_channel, …) as the list save_sequence takes; blank and removed rows are left out. */
export function stepsFromForm(form: Form): NonNullable<SequenceFields['steps']> {
  const steps: NonNullable<SequenceFields['steps']> = [];
  for (let n = 1; n <= 31; n++) {
    if (!(`step_${n}_channel` in form)) continue;
    const body = text(form, `step_${n}_body`);
    if (text(form, `step_${n}_remove`) === 'true' || body === '') continue;
    const delay = text(form, `step_${n}_delay_amount`) || '0';
    if (!/^\d{1,4}$/.test(delay)) throw new FormError(`Step ${n}: the delay is a whole number.`);
    const subject = text(form, `step_${n}_subject`);
    steps.push({
      channel: text(form, `step_${n}_channel`) as 'sms',
      delay_amount: Number(delay),
      delay_unit: text(form, `step_${n}_delay_unit`) as 'days',
      subject: subject || null,
      body,
      requires_approval: text(form, `step_${n}_requires_approval`) === 'true',
    });
  }
  return steps;
}

function settingsFromForm(form: Form): SequenceFields {
  const days = text(form, 'no_response_days');
  return {
    name: text(form, 'name'),
    ...(text(form, 'trigger_on') ? { trigger_on: text(form, 'trigger_on') } : {}),
    ...(text(form, 'trigger_on') === 'no_response' ? { no_response_days: /^\d{1,2}$/.test(days) ? Number(days) : (days as unknown as number) } : {}),
  };
}

export function sequenceRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const canEdit = (c: Ctx) => can(c.get('session').role, 'campaigns.toggle');
  const canAct = (c: Ctx) => can(c.get('session').role, 'leads.act');
  const idOf = (v: string | undefined) => {
    const r = z.string().uuid().safeParse(v);
    return r.success ? r.data : null;
  };

  const listPage = async (c: Ctx, notice?: SequenceNotice, status: 200 | 400 | 403 | 404 | 409 = 200) => {
    const s = c.get('session');
    const p = await c.get('db')((tx) => loadSequencesPage(tx));
    return fullPage(c, 'Sequences', 'sequences', <SequencesPage p={p} csrf={s.csrfToken} canEdit={canEdit(c)} canAct={canAct(c)} notice={notice} />, status);
  };
  const editorPage = async (c: Ctx, id: string, notice?: SequenceNotice, status: 200 | 400 | 403 | 404 | 409 = 200) => {
    const s = c.get('session');
    const p = await c.get('db')((tx) => loadSequencesPage(tx));
    const seq = p.sequences.find((x) => x.id === id);
    if (!seq) return fullPage(c, 'Sequence not found', 'sequences', <Notice kind="error">There is no such sequence in this workspace.</Notice>, 404);
    return fullPage(c, `Sequence: ${seq.name}`, 'sequences',
      <SequenceEditorPage s={seq} variables={p.variables} csrf={s.csrfToken} canEdit={canEdit(c)} notice={notice} />, status);
  };
  /** A change: a refusal (role, form, database) is the page again with the reason. */
  const change = async (c: Ctx, page: (n: SequenceNotice, st?: 200 | 400 | 403 | 404 | 409) => Promise<Response>, allowed: boolean,
                        run: (form: Form) => Promise<SequenceNotice | Response>) => {
    if (!allowed) return page({ kind: 'error', text: `Your role (${c.get('session').role}) may not do this.` }, 403);
    const form = await c.req.parseBody();
    try {
      const r = await run(form);
      return r instanceof Response ? r : page(r);
    } catch (error) {
      if (error instanceof FormError) return page({ kind: 'error', text: error.message }, 400);
      const r = readableDbError(error);
      if (!r) throw error;
      return page({ kind: 'error', text: r.message }, r.status);
    }
  };

  app.get('/sequences', (c) => listPage(c));

  app.post('/sequences/new', (c) =>
    change(c, (n, st) => listPage(c, n, st), canEdit(c), async (form) => {
      const r = await c.get('db')((tx) => saveSequence(tx, null, settingsFromForm(form), actor(c)));
      return c.redirect(`/sequences/${r.sequence_id}`, 303);
    }),
  );

  app.get('/sequences/:id', (c) => {
    const id = idOf(c.req.param('id'));
    return id ? editorPage(c, id) : c.html(<Notice kind="error">Unknown sequence.</Notice>, 404);
  });

  app.post('/sequences/:id', (c) => {
    const id = idOf(c.req.param('id'));
    if (!id) return c.html(<Notice kind="error">Unknown sequence.</Notice>, 404);
    return change(c, (n, st) => editorPage(c, id, n, st), canEdit(c), async (form) => {
      const r = await c.get('db')((tx) => saveSequence(tx, id, { ...settingsFromForm(form), steps: stepsFromForm(form) }, actor(c)));
      return { kind: 'ok', text: `Saved: ${r.steps} step${r.steps === 1 ? '' : 's'}.` };
    });
  });

  app.post('/sequences/:id/active', (c) => {
    const id = idOf(c.req.param('id'));
    if (!id) return c.html(<Notice kind="error">Unknown sequence.</Notice>, 404);
    return change(c, (n, st) => editorPage(c, id, n, st), canEdit(c), async (form) => {
      const on = text(form, 'active') === 'true';
      const r = await c.get('db')((tx) => setSequenceActive(tx, id, on, actor(c)));
      return { kind: 'ok', text: r.changed ? (on ? 'Switched on: it starts on its trigger now.' : 'Switched off: nothing new starts and running steps wait.') : 'Nothing changed.' };
    });
  });

  app.post('/sequences/:id/archive', (c) => {
    const id = idOf(c.req.param('id'));
    if (!id) return c.html(<Notice kind="error">Unknown sequence.</Notice>, 404);
    return change(c, (n, st) => editorPage(c, id, n, st), canEdit(c), async () => {
      const r = await c.get('db')((tx) => archiveSequence(tx, id, actor(c)));
      return { kind: 'ok', text: r.outcome === 'archived' ? `Archived; ${r.enrollments_canceled ?? 0} running run(s) canceled.` : 'It was already archived.' };
    });
  });

  app.post('/sequences/drafts/:id/:decision{approve|reject}', (c) => {
    const id = idOf(c.req.param('id'));
    if (!id) return c.html(<Notice kind="error">Unknown draft.</Notice>, 404);
    return change(c, (n, st) => listPage(c, n, st), canAct(c), async () => {
      if (c.req.param('decision') === 'approve') {
        const r = await c.get('db')((tx) => approveSequenceDraft(tx, id, actor(c)));
        return { kind: 'ok', text: r.outcome === 'approved' ? 'Approved and queued: suppression and the send window still apply.' : 'It was already approved.' };
      }
      await c.get('db')((tx) => rejectSequenceDraft(tx, id, actor(c)));
      return { kind: 'ok', text: 'Skipped: the sequence moves to its next step.' };
    });
  });

  /** A Follow-ups action on the lead page: one call, then the lead again with its outcome. */
  const onLead = (run: (c: Ctx, tx: TransactionSql, leadId: string, form: Form) => Promise<string>) => async (c: Ctx) => {
    const s = c.get('session');
    const id = idOf(c.req.param('id'));
    if (!id) return c.html(<Notice kind="error">Unknown lead.</Notice>, 400);
    const form = await c.req.parseBody();
    let notice: { kind: 'ok' | 'error'; text: string };
    let status: 200 | 400 | 404 | 409 = 200;
    try {
      notice = { kind: 'ok', text: await c.get('db')((tx) => run(c, tx, id, form)) };
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      notice = { kind: 'error', text: r.message };
      status = r.status;
    }
    const d = await c.get('db')((tx) => loadLead(tx, id));
    if (!d) return c.html(<Notice kind="error">There is no such lead in this workspace.</Notice>, 404);
    return c.html(<LeadPage d={d} csrf={s.csrfToken} canAct={can(s.role, 'leads.act')} canEnroll={can(s.role, 'campaigns.enroll')} notice={notice} />, status);
  };
  const enrollmentOf = (form: Form) => {
    const e = idOf(text(form, 'enrollment_id'));
    if (!e) throw invalid('choose a sequence run');
    return e;
  };

  app.post('/leads/:id/followups/resume', requirePermission('leads.act'), onLead(async (c, tx, _lead, form) => {
    const r = await resumeEnrollment(tx, enrollmentOf(form), actor(c));
    return r.status === 'completed' ? 'Resumed: no step was left, so the run is complete.' : `Resumed at step ${r.current_step}.`;
  }));
  app.post('/leads/:id/followups/cancel', requirePermission('leads.act'), onLead(async (c, tx, _lead, form) => {
    const r = await cancelEnrollment(tx, enrollmentOf(form), actor(c));
    return r.changed ? 'Canceled; its pending step was withdrawn.' : 'It had already ended.';
  }));
  app.post('/leads/:id/followups/start', requirePermission('leads.act'), onLead(async (c, tx, lead, form) => {
    const seq = idOf(text(form, 'sequence_id'));
    if (!seq) throw invalid('choose a sequence');
    await startSequenceForLead(tx, lead, seq, actor(c));
    return 'Started.';
  }));
  app.post('/leads/:id/followups/auto', requirePermission('leads.act'), onLead(async (c, tx, lead, form) => {
    const on = text(form, 'enabled') === 'true';
    const r = await setLeadAutoFollowups(tx, lead, on, actor(c));
    return on ? `Auto follow-ups on${r.resumed ? `; ${r.resumed} run(s) resumed` : ''}.` : 'Auto follow-ups off: its running sequences are paused.';
  }));
  app.post('/leads/:id/followups/snooze', requirePermission('leads.act'), onLead(async (c, tx, lead, form) => {
    if (text(form, 'clear') === 'true') {
      await snoozeLeadFollowups(tx, lead, null, actor(c));
      return 'Snooze cleared.';
    }
    const until = text(form, 'until');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) throw invalid('choose the date to snooze until');
    await snoozeLeadFollowupsUntilDate(tx, lead, until, actor(c));
    return `Snoozed until ${until}, 00:00 where the lead is.`;
  }));

  return app;
}
