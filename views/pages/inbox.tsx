/**
 * The Inbox (issue 17): conversations waiting for an answer, newest and hottest
 * first, each with the lead's latest reply and its tag, and the AI draft a person
 * approves (edited or not) or rejects. Loaded by api/domain/inbox.ts.
 */
import type { FC } from 'hono/jsx';
import { SENTIMENT_TAGS, type Conversation, type DraftState, type InboxFilter, type InboxPage } from '../../api/domain/inbox.ts';
import { Badge, Csrf, Empty, Guard, Notice, Time, fmtTime } from '../ui.tsx';

export type InboxNotice = { kind: 'ok' | 'error' | 'info'; text: string };

/** The tag's badge colour: the hotter, the greener. */
const TAG_TONE: Record<string, string> = {
  'Meeting Requested': 'ok',
  Interested: 'ok',
  'Follow Up': 'info',
  Neutral: 'plain',
  'Not Interested': 'muted',
  'Out of Office': 'muted',
  'Automated Reply': 'muted',
  Blacklist: 'bad',
};

export const TagBadge: FC<{ tag: string | null }> = ({ tag }) => (
  <span class="tag" data-tag={tag ?? 'untagged'}>
    <Badge value={tag ?? 'not tagged yet'} tone={tag ? (TAG_TONE[tag] ?? 'plain') : 'warn'} />
  </span>
);

function percent(n: number | null): string {
  return n === null ? '—' : `${Math.round(n * 100)}%`;
}

function leadLabel(c: Conversation): string {
  return c.lead_name || c.company_name || c.lead_email || c.lead_phone || 'Unnamed lead';
}

function pageLink(f: InboxFilter, after: string | null): string {
  const p = new URLSearchParams();
  if (f.tag) p.set('tag', f.tag);
  if (f.pending) p.set('pending', f.pending);
  if (after) p.set('after', after);
  const q = p.toString();
  return q ? `/inbox?${q}` : '/inbox';
}

export const InboxFilters: FC<{ f: InboxFilter }> = ({ f }) => (
  <form class="filters" method="get" action="/inbox" hx-get="/inbox" hx-target="#inbox-list" hx-select="#inbox-list" hx-swap="outerHTML" hx-push-url="true" hx-trigger="change, submit">
    <div class="grid filters-grid">
      <label>Tag
        <select name="tag">
          <option value="">any</option>
          {SENTIMENT_TAGS.map((t) => <option selected={f.tag === t}>{t}</option>)}
        </select>
      </label>
      <label>
        <input type="checkbox" name="pending" value="1" checked={f.pending === '1'} /> Only drafts waiting for approval
      </label>
    </div>
    <noscript><button type="submit">Filter</button></noscript>
  </form>
);

/** Where an approved draft stands, in words. */
function approvedLabel(c: Conversation): { state: string; text: string } {
  const auto = c.approved_draft_by === 'auto_send';
  if (c.approved_draft_touch_status === 'sending') return { state: 'sending', text: 'Sending now.' };
  if (auto && c.approved_draft_send_after) return { state: 'auto_send', text: `Auto-send scheduled for ${fmtTime(c.approved_draft_send_after)}.` };
  return { state: 'queued', text: 'Queued: the dispatch worker sends it (suppression and the send window still apply).' };
}

const DraftForms: FC<{ c: Conversation; csrf: string; canAct: boolean }> = ({ c, csrf, canAct }) => {
  const id = c.draft_id!;
  const target = `#conv-${c.lead_id}`;
  return (
    <div class="draft" data-draft-id={id}>
      <p class="draft-why">
        <strong>AI draft</strong> on {c.draft_channel} · confidence <strong data-testid="draft-confidence">{percent(c.draft_confidence)}</strong>
        {' · '}needs review: <span data-testid="draft-why">{c.draft_auto_send_reason ?? '—'}</span>
        {c.draft_confidence_reason ? <><br /><small class="muted">{c.draft_confidence_reason}</small></> : null}
      </p>
      <Guard allowed={canAct}>
        {/* Approval is idempotent in SQL (a double click queues one message); the button also disables itself while the request runs. */}
        <form class="draft-form" hx-post={`/inbox/drafts/${id}/approve`} hx-target={target} hx-swap="outerHTML" hx-disabled-elt="find button">
          <Csrf token={csrf} />
          {c.draft_channel === 'email' ? (
            <label>Subject
              <input name="subject" value={c.draft_subject ?? ''} maxlength={998} required />
            </label>
          ) : null}
          <label>Reply (edit before sending if needed)
            <textarea name="body" rows={4} maxlength={1600} required>{c.draft_body ?? ''}</textarea>
          </label>
          <div class="toolbar">
            <button type="submit" data-action="approve">{'Approve & send'}</button>
            <button type="button" class="secondary outline" data-action="reject" hx-post={`/inbox/drafts/${id}/reject`} hx-disabled-elt="this"
                    hx-confirm="Reject this draft? Nothing will be sent.">Reject</button>
            {c.draft_regenerating
              ? <small class="muted" data-testid="draft-regenerating">Being written again… reload in a moment.</small>
              : <button type="button" class="secondary outline" data-action="regenerate" hx-post={`/inbox/drafts/${id}/regenerate`} hx-disabled-elt="this">Regenerate</button>}
          </div>
        </form>
      </Guard>
    </div>
  );
};

/** One conversation; approve and reject swap it for its new state. */
export const ConversationCard: FC<{ c: Conversation; csrf: string; canAct: boolean; notice?: InboxNotice }> = ({ c, csrf, canAct, notice }) => {
  const approved = c.approved_draft_id ? approvedLabel(c) : null;
  const state = c.draft_id ? 'pending' : approved ? approved.state : 'no_draft';
  return (
    <article class="conversation" id={`conv-${c.lead_id}`} data-lead-id={c.lead_id} data-heat={String(c.heat)} data-state={state}>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <header>
        <TagBadge tag={c.sentiment_tag} /> <a href={`/leads/${c.lead_id}`}><strong>{leadLabel(c)}</strong></a>{' '}
        <small class="muted">
          {[c.lead_phone, c.lead_email].filter(Boolean).join(' · ')} · {c.channel} · <Time at={c.received_at} />
          {c.assigned_to ? <> · {c.assigned_to}</> : null}
        </small>
        {c.lead_status === 'suppressed' ? <> <Badge value="suppressed" /></> : null}
      </header>
      <blockquote class="reply">
        {c.subject ? <><strong>{c.subject}</strong><br /></> : null}
        {c.body ?? ''}
      </blockquote>
      {c.sentiment_reason ? <p><small class="muted">Tagged by {c.sentiment_source}: {c.sentiment_reason}</small></p> : null}
      {c.draft_id ? (
        <DraftForms c={c} csrf={csrf} canAct={canAct} />
      ) : approved ? (
        <div class="draft" data-draft-id={c.approved_draft_id!}>
          <p data-testid="draft-state"><Badge value={approved.state === 'auto_send' ? 'scheduled' : 'queued'} /> {approved.text}</p>
          {approved.state === 'auto_send' ? (
            <Guard allowed={canAct}>
              <form class="inline" hx-post={`/inbox/drafts/${c.approved_draft_id}/reject`} hx-target={`#conv-${c.lead_id}`} hx-swap="outerHTML"
                    hx-disabled-elt="find button" hx-confirm="Stop this auto-send? Nothing will be sent.">
                <Csrf token={csrf} />
                <button type="submit" class="secondary outline" data-action="reject">Reject</button>
              </form>
            </Guard>
          ) : null}
        </div>
      ) : (
        <p class="muted">No AI draft for this reply: answer it from <a href={`/leads/${c.lead_id}`}>the lead's page</a>.</p>
      )}
    </article>
  );
};

/** A draft's conversation after a decision, once it no longer waits for an answer (e.g. the message went out). */
export const DecidedCard: FC<{ d: DraftState; notice?: InboxNotice }> = ({ d, notice }) => {
  const sent = d.status === 'sent' || d.touch_status === 'sent' || d.touch_status === 'delivered';
  const label = sent ? 'Sent' : d.status === 'rejected' ? 'Rejected' : d.status === 'approved' ? 'Queued' : 'Pending';
  return (
    <article class="conversation" id={`conv-${d.lead_id}`} data-lead-id={d.lead_id} data-state={label.toLowerCase()}>
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <p data-testid="draft-state">
        <Badge value={label.toLowerCase()} /> {label}
        {d.decision_reason ? <small class="muted"> ({d.decision_reason})</small> : null} · <a href={`/leads/${d.lead_id}`}>open the lead</a>
      </p>
    </article>
  );
};

export const InboxList: FC<{ page: InboxPage; f: InboxFilter; csrf: string; canAct: boolean }> = ({ page, f, csrf, canAct }) => {
  const filtered = Boolean(f.tag || f.pending);
  return (
    <div id="inbox-list">
      {page.rows.length === 0 ? (
        filtered && !f.after ? (
          <Empty>No conversation matches these filters. <a href="/inbox">Show all</a></Empty>
        ) : (
          <div class="empty muted" id="inbox-empty">
            <p><strong>Nothing is waiting for an answer.</strong></p>
            <p>
              The Inbox lists every lead whose latest reply has not been answered yet, and every AI draft waiting for a person's
              approval: meeting requests first, then interested leads, follow-ups and neutral replies, newest first. Replies tagged
              Not Interested, Out of Office, Automated Reply or Blacklist have nothing to answer and are left out. A draft is sent only
              after you approve it here (or in Slack), or when its campaign's auto-send is confident enough.
            </p>
          </div>
        )
      ) : (
        page.rows.map((c) => <ConversationCard c={c} csrf={csrf} canAct={canAct} />)
      )}
      <nav class="pager">
        {f.after ? <a href={pageLink(f, null)} role="button" class="secondary outline">First page</a> : null}
        {page.next ? <a href={pageLink(f, page.next)} role="button" class="secondary" rel="next">Next page →</a> : page.rows.length ? <span class="muted">End of list</span> : null}
      </nav>
    </div>
  );
};
