/**
 * /settings/notifications: the signed-in member's own notification settings. The form
 * is read here; the database decides what is valid (public.save_notification_settings).
 */
import { Hono } from 'hono';
import type { ConsoleEnv } from '../auth.ts';
import { loadNotificationSettings, saveNotificationSettings } from '../domain/notification-settings.ts';
import { NotificationSettingsPage } from '../../views/pages/notification-settings.tsx';
import { readableDbError } from './errors.ts';
import { fullPage, text } from './helpers.tsx';

export function notificationSettingsRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/settings/notifications', async (c) => {
    const s = c.get('session');
    const data = await c.get('db')((tx) => loadNotificationSettings(tx, s.userId));
    return fullPage(c, 'Notification settings', 'settings', <NotificationSettingsPage s={data} csrf={s.csrfToken} />);
  });
  app.post('/settings/notifications', async (c) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    const grid = Object.keys(form)
      .filter((k) => k.startsWith('pref.'))
      .map((k) => {
        const [, kind, channel] = k.split('.');
        return { kind: kind ?? '', channel: channel ?? '', delivery: text(form, k) };
      });
    try {
      const data = await c.get('db')((tx) =>
        saveNotificationSettings(tx, s.userId, {
          grid,
          digestTime: text(form, 'digest_time').slice(0, 5),
          timeZone: text(form, 'time_zone') || null,
          slackMemberId: text(form, 'slack_member_id') || null,
        }),
      );
      return fullPage(c, 'Notification settings', 'settings',
        <NotificationSettingsPage s={data} csrf={s.csrfToken} notice={{ kind: 'ok', text: 'Notification settings saved.' }} />);
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      const data = await c.get('db')((tx) => loadNotificationSettings(tx, s.userId));
      return fullPage(c, 'Notification settings', 'settings',
        <NotificationSettingsPage s={data} csrf={s.csrfToken} notice={{ kind: 'error', text: `Nothing was saved: ${r.message}` }} />, r.status);
    }
  });
  return app;
}
