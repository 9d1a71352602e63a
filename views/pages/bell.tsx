/**
 * The notification bell: inbound replies of the last 24 hours grouped by
 * workspace stage (seed 004 Part 8), from the inbound_message memory events.
 */
import type { FC } from 'hono/jsx';
import type { Bell } from '../../api/domain/notifications.ts';
import { Empty, Time } from '../ui.tsx';



export const BellPanel: FC<{ bell: Bell }> = ({ bell }) => {
  const total = bell.groups.reduce((a, g) => a + g.count, 0);
  return (
    <div class="bell-groups" data-total={String(total)}>
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
