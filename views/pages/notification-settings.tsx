/**
 * Notification settings (issue 18, seed 003 §13): a grid of event kinds × channels, each
 * cell realtime, daily digest or off (the bell has no digest), the digest's local time
 * and zone, and the member's Slack id. Every member edits their own.
 */
import type { FC } from 'hono/jsx';
import type { NotificationSettings } from '../../api/domain/notification-settings.ts';
import { Csrf, Notice } from '../ui.tsx';

const CHANNEL_LABELS: Record<string, string> = { in_app: 'In-app bell', slack: 'Slack', email: 'Email' };
const DELIVERY_LABELS: Record<string, string> = { realtime: 'Real time', daily_digest: 'Daily digest', off: 'Off' };

export const NotificationSettingsPage: FC<{
  s: NotificationSettings;
  csrf: string;
  notice?: { kind: 'ok' | 'error'; text: string };
}> = ({ s, csrf, notice }) => {
  const cell = (kind: string, channel: string) => s.grid.find((g) => g.kind === kind && g.channel === channel);
  return (
    <section id="notification-settings">
      {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
      <p class="muted">
        Choose which events reach you and where. Real time goes out as it happens; the daily digest lists what happened since
        the previous one, at your digest time (within 12 minutes). These settings are yours alone.
      </p>
      <form method="post" action="/settings/notifications" id="notification-settings-form">
        <Csrf token={csrf} />
        <table class="striped notification-grid">
          <thead>
            <tr>
              <th scope="col">Event</th>
              {s.channels.map((ch) => <th scope="col">{CHANNEL_LABELS[ch] ?? ch}</th>)}
            </tr>
          </thead>
          <tbody>
            {s.kinds.map((k) => (
              <tr data-kind={k.kind}>
                <th scope="row">
                  {k.label}
                  <br />
                  <small class="muted">{k.description}</small>
                </th>
                {s.channels.map((ch) => {
                  const c = cell(k.kind, ch);
                  const options = ch === 'in_app' ? ['realtime', 'off'] : ['realtime', 'daily_digest', 'off'];
                  return (
                    <td>
                      <select name={`pref.${k.kind}.${ch}`} aria-label={`${k.label} by ${CHANNEL_LABELS[ch] ?? ch}`} data-default={c?.is_default ? 'yes' : 'no'}>
                        {options.map((o) => (
                          <option value={o} selected={c?.delivery === o}>{DELIVERY_LABELS[o]}</option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div class="grid">
          <label>
            Digest time (your local time)
            <input type="time" name="digest_time" value={s.digest_time} required step={60} />
          </label>
          <label>
            Time zone
            <input type="text" name="time_zone" value={s.time_zone ?? ''} placeholder={`${s.account_time_zone} (the account's)`} />
            <small class="muted">Empty: the account's zone, {s.account_time_zone}.</small>
          </label>
          <label>
            Slack member id
            <input type="text" name="slack_member_id" value={s.slack_member_id ?? ''} placeholder="U012AB3CD" />
            <small class="muted">Empty: Slack finds you by {s.email ?? 'your email'}.</small>
          </label>
        </div>
        <button type="submit">Save notification settings</button>
      </form>
    </section>
  );
};
