/**
 * The notification bell: the user's own notifications (issue 18) with "mark read",
 * then inbound replies of the last 24 hours grouped by workspace stage (seed 004 Part 8).
 */
import type { FC } from 'hono/jsx';
import type { Bell, InAppNotification } from '../../api/domain/notifications.ts';
import { Empty, Time } from '../ui.tsx';

/** One line about a notification: the lead (linked), what happened. Never a message body. */
function summary(n: InAppNotification): string {
  const p = n.payload;
  switch (n.kind) {
    case 'positive_reply': return `replied: ${typeof p.tag === 'string' ? p.tag : 'positive'}`;
    case 'meeting_requested': return 'asked for a meeting';
    case 'booked': return `meeting booked${typeof p.start_at === 'string' ? ` for ${new Date(p.start_at).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`;
    case 'draft_needs_review': return 'a draft answer needs your review';
    case 'integration_failing': return `${String(p.integration ?? 'an integration')} is failing (${String(p.error_code ?? 'refused')})`;
    case 'sender_paused': return `sender ${String(p.sender ?? '')} paused (${p.reason === 'complaint_rate' ? 'complaints' : 'bounces'})`;
    case 'sender_opt_outs': return `opt-out alarm for ${String(p.sender ?? 'a number')} (${Number(p.opt_outs ?? 0)} STOPs)`;
    default: return n.label;
  }
}

function href(n: InAppNotification): string {
  if (n.kind === 'integration_failing' || n.kind === 'sender_paused' || n.kind === 'sender_opt_outs') return '/settings#senders';
  if (n.kind === 'draft_needs_review') return '/inbox';
  return n.lead_id ? `/leads/${n.lead_id}` : '/';
}

export const NotificationList: FC<{ bell: Bell }> = ({ bell }) => (
  <section class="bell-notifications" data-unread={String(bell.inbox.unread)}>
    <p>
      <strong>Notifications</strong> {bell.inbox.unread ? <span class="badge">{bell.inbox.unread} unread</span> : null}{' '}
      {bell.inbox.unread ? (
        <button type="button" class="secondary outline small" hx-post="/notifications/read" hx-target="#bell-panel" hx-swap="innerHTML" id="bell-mark-all">Mark all read</button>
      ) : null}{' '}
      <a href="/settings/notifications"><small>Settings</small></a>
    </p>
    {bell.inbox.items.length === 0 ? <Empty>No notifications yet.</Empty> : null}
    <ul class="plain">
      {bell.inbox.items.map((n) => (
        <li class={n.read ? 'bell-item read' : 'bell-item unread'} data-kind={n.kind} data-id={n.id}>
          <a href={href(n)}>{n.lead_name ?? n.label}</a> <small>{summary(n)}</small> <small class="muted"><Time at={n.at} /></small>
          {n.read ? null : (
            <button type="button" class="secondary outline small bell-read" hx-post="/notifications/read" hx-vals={JSON.stringify({ id: n.id })} hx-target="#bell-panel" hx-swap="innerHTML">Mark read</button>
          )}
        </li>
      ))}
    </ul>
  </section>
);

export const BellPanel: FC<{ bell: Bell }> = ({ bell }) => {
  const total = bell.groups.reduce((a, g) => a + g.count, 0);
  return (
    <div class="bell-groups" data-total={String(total)}>
      <NotificationList bell={bell} />
      <p><strong>Replies, last 24 hours</strong></p>
      {total === 0 ? <Empty>No replies yet.</Empty> : null}
      {bell.groups.map((g) => (
        <section class="bell-group" data-stage={g.key}>
          <h4>{g.label} <span class="badge">{g.count}</span></h4>
          <ul class="plain">
            {g.latest.map((l) => (
              <li><a href={`/leads/${l.lead_id}`}>{l.name}</a> <small class="muted">{l.classification ?? ''} · <Time at={l.at} /></small></li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
};
