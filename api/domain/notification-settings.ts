/**
 * Notification settings (issue 18, seed 003 §13): each member's own grid of event kinds ×
 * channels (realtime, daily digest or off), digest time and zone, and Slack member id.
 * Every operation is one SQL function (sql/1315, sql/1316); defaults and validation live
 * there.
 */
import type { TransactionSql } from '../../db/client.ts';

export const CHANNELS = ['in_app', 'slack', 'email'] as const;
export type NotificationChannel = (typeof CHANNELS)[number];
export const DELIVERIES = ['realtime', 'daily_digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface NotificationSettings {
  kinds: { kind: string; label: string; description: string }[];
  channels: NotificationChannel[];
  grid: { kind: string; channel: NotificationChannel; delivery: Delivery; is_default: boolean }[];
  digest_time: string;
  time_zone: string | null;
  account_time_zone: string;
  slack_member_id: string | null;
  email: string | null;
}

export async function loadNotificationSettings(tx: TransactionSql, userId: string): Promise<NotificationSettings> {
  const [r] = await tx<{ page: NotificationSettings }[]>`select public.notification_settings_page(${userId}) as page`;
  return r!.page;
}

export interface NotificationSettingsInput {
  grid: { kind: string; channel: string; delivery: string }[];
  digestTime: string;
  timeZone: string | null;
  slackMemberId: string | null;
}

/** public.save_notification_settings: the member's own settings; answers the saved page. */
export async function saveNotificationSettings(tx: TransactionSql, userId: string, input: NotificationSettingsInput): Promise<NotificationSettings> {
  const [r] = await tx<{ page: NotificationSettings }[]>`
    select public.save_notification_settings(${userId}, ${tx.json(input.grid as never)}, ${input.digestTime},
                                             ${input.timeZone}, ${input.slackMemberId}) as page`;
  return r!.page;
}
