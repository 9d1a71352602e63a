/**
 * Settings and onboarding: identity, contact, routing, send window and
 * providers. Each form is checked here for what a person typed, then saved
 * through api/domain/settings.ts, where the database's constraints decide.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TransactionSql } from '../../db/client.ts';
import { log } from '../../lib/log.ts';
import { normalizePhone } from '../../lib/phone.ts';
import { can, requirePermission, type ConsoleEnv } from '../auth.ts';
import {
  isTimeZoneName,
  loadSettings,
  saveContact,
  saveIdentity,
  saveProvider,
  saveRouting,
  saveAiInbox,
  saveBooking,
  savePersona,
  deletePersona,
  saveSendWindow,
  saveEnrichmentWait,
  resumeSender,
  setSenderAlreadyWarm,
  CHANNEL_PROVIDERS,
} from '../domain/settings.ts';
import { SettingsPage, type FieldErrors } from '../../views/pages/settings.tsx';
import { readableDbError } from './errors.ts';
import { text, type Ctx, type Form, fullPage } from './helpers.tsx';

export function settingsRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  app.get('/settings', async (c) => {
    const s = c.get('session');
    const data = await c.get('db')(loadSettings);
    return fullPage(c, 'Settings', 'settings',
      <SettingsPage s={data} csrf={s.csrfToken} canEdit={can(s.role, 'settings.edit')} canProviders={can(s.role, 'providers.edit')} />,
    );
  });

  /** Runs one save, then re-renders the settings with its outcome or the field errors. */
  const saveSettings = async (c: Ctx, update: (tx: TransactionSql, form: Form) => Promise<FieldErrors | string>) => {
    const s = c.get('session');
    const form = await c.req.parseBody();
    let errors: FieldErrors | undefined;
    let notice: { kind: 'ok' | 'error'; text: string } | undefined;
    try {
      const r = await c.get('db')((tx) => update(tx, form));
      if (typeof r === 'string') notice = { kind: 'ok', text: r };
      else errors = r;
    } catch (error) {
      const r = readableDbError(error);
      if (!r) throw error;
      errors = { [r.field ?? 'general']: r.message };
    }
    if (errors) notice = { kind: 'error', text: 'Nothing was saved: ' + Object.values(errors).join(' ') };
    const data = await c.get('db')(loadSettings);
    return c.html(
      <SettingsPage s={data} csrf={s.csrfToken} canEdit={can(s.role, 'settings.edit')} canProviders={can(s.role, 'providers.edit')} errors={errors} notice={notice} />,
      errors ? 400 : 200,
    );
  };

  app.post('/settings/identity', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const tz = text(form, 'timezone') || null;
      if (tz && !(await isTimeZoneName(tx, tz))) return { timezone: `${tz} is not a time zone name (like America/New_York).` };
      await saveIdentity(tx, { business_name: text(form, 'business_name') || null, timezone: tz, persona_name: text(form, 'persona_name') || null });
      return 'Identity saved. Next: contact.';
    }),
  );
  app.post('/settings/contact', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const errors: FieldErrors = {};
      const phone = (k: string) => {
        const v = text(form, k);
        if (!v) return null;
        const n = normalizePhone(v, 'US');
        if (!n.ok) {
          errors[k] = `${v} is not a phone number we can dial (${n.reason}).`;
          return null;
        }
        return n.e164;
      };
      const contactPhone = phone('contact_phone');
      const whatsapp = phone('contact_whatsapp');
      if (Object.keys(errors).length) return errors;
      const email = text(form, 'contact_email').toLowerCase() || null;
      try {
        await saveContact(tx, { email, phone: contactPhone, whatsapp });
      } catch (error) {
        if ((error as { constraint_name?: string }).constraint_name === 'email_address_check') {
          return { contact_email: `${email} is not an email address (like name@example.com).` };
        }
        throw error;
      }
      return 'Contact saved. Next: LeadGen routing.';
    }),
  );
  app.post('/settings/routing', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const radiusText = text(form, 'radius_miles');
      const radius = radiusText === '' ? undefined : Number(radiusText);
      if (radius !== undefined && !Number.isFinite(radius)) return { radius_miles: `"${radiusText}" is not a number of miles.` };
      const routing: Record<string, unknown> = {
        dealer_address: text(form, 'dealer_address') || null,
        city_fallback: text(form, 'city_fallback').toLowerCase() || null,
        active: form.active === 'true',
      };
      if (radius !== undefined) routing.radius_miles = radius;
      await saveRouting(tx, routing);
      return 'Routing saved. Onboarding is complete.';
    }),
  );
  app.post('/settings/ai', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const channel = text(form, 'slack_review_channel').toUpperCase() || null;
      await saveAiInbox(tx, {
        ai_tone: text(form, 'ai_tone') || 'friendly-professional',
        ai_signature: text(form, 'ai_signature') || null,
        ai_auto_send_enabled: form.ai_auto_send_enabled === 'true',
        slack_review_channel: channel,
      });
      return 'AI inbox settings saved.';
    }),
  );
  app.post('/settings/booking', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form): Promise<FieldErrors | string> => {
      const provider = text(form, 'booking_provider') || 'none';
      if (provider !== 'none' && provider !== 'calendly') return { booking_provider: 'The booking provider is none or Calendly.' };
      const url = (k: string) => text(form, k) || null;
      const link = url('booking_link');
      const eventType = url('calendly_event_type_uri');
      const bad = (v: string | null) => v !== null && (!/^https?:\/\/\S+$/.test(v) || v.length > 310);
      if (bad(link)) return { booking_link: 'The booking link is a web address (https://…), without spaces.' };
      if (bad(eventType)) return { calendly_event_type_uri: 'The Calendly event type is its API address (https://api.calendly.com/event_types/…).' };
      if (provider === 'calendly' && !eventType) return { calendly_event_type_uri: 'Calendly needs the event type whose times are offered and booked.' };
      await saveBooking(tx, { booking_provider: provider as 'none' | 'calendly', booking_link: link, calendly_event_type_uri: eventType, auto_book_enabled: form.auto_book_enabled === 'true' });
      return 'Booking settings saved.';
    }),
  );
  const PersonaId = z.string().uuid();
  app.post('/settings/personas', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const idText = text(form, 'id');
      if (idText && !PersonaId.safeParse(idText).success) return { persona: 'That is not a persona of this workspace.' };
      const saved = await savePersona(tx, {
        id: idText || null,
        name: text(form, 'name'),
        tone: text(form, 'tone') || null,
        signature: text(form, 'signature') || null,
        is_default: form.is_default === 'true',
      });
      return saved ? 'Persona saved.' : { persona: 'That is not a persona of this workspace.' };
    }),
  );
  app.post('/settings/personas/:id/delete', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx) => {
      const id = PersonaId.safeParse(c.req.param('id'));
      if (!id.success || !(await deletePersona(tx, id.data))) return { persona: 'That is not a persona of this workspace.' };
      return 'Persona removed. Campaigns that used it now speak as the default persona.';
    }),
  );
  app.post('/settings/window', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const start = text(form, 'send_window_start');
      const end = text(form, 'send_window_end');
      if (!/^\d{2}:\d{2}$/.test(start) || !/^\d{2}:\d{2}$/.test(end)) return { send_window: 'Give both times as HH:MM.' };
      await saveSendWindow(tx, start, end);
      return `Send window saved: ${start}–${end} in each lead's time zone.`;
    }),
  );
  app.post('/settings/enrichment', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const minutes = text(form, 'enrichment_wait_minutes');
      if (!/^\d{1,4}$/.test(minutes) || Number(minutes) > 1440) {
        return { enrichment_wait: 'Give the wait in whole minutes, 0 to 1440 (a day).' };
      }
      await saveEnrichmentWait(tx, Number(minutes) * 60);
      return Number(minutes) === 0
        ? 'Touches no longer wait for enrichment: they go out on what is known.'
        : `Touches now wait up to ${minutes} min for a lead's enrichment.`;
    }),
  );
  app.post('/settings/provider', requirePermission('providers.edit'), (c) =>
    saveSettings(c, async (tx, form): Promise<FieldErrors | string> => {
      const channel = text(form, 'channel');
      const provider = text(form, 'provider');
      if (!['sms', 'voice', 'whatsapp', 'email'].includes(channel)) return { senders: 'Choose a channel.' };
      if (!CHANNEL_PROVIDERS.includes(provider)) return { senders: 'Choose a provider.' };
      const senders: { address: string; persona?: string }[] = [];
      for (const line of text(form, 'senders').split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
        const [address, persona] = line.split(/\s+/);
        if (persona && !['initial', 'nudge', 'booking'].includes(persona)) return { senders: `Persona "${persona}" is not initial, nudge or booking.` };
        if (channel === 'email') {
          if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address!)) return { senders: `${address} is not an email address.` };
          senders.push({ address: address!.toLowerCase(), ...(persona ? { persona } : {}) });
        } else {
          const n = normalizePhone(address!, 'US');
          if (!n.ok) return { senders: `${address} is not a phone number (${n.reason}).` };
          senders.push({ address: n.e164, ...(persona ? { persona } : {}) });
        }
      }
      const capText = text(form, 'daily_cap');
      let dailyCap: number | undefined;
      if (capText !== '') {
        if (!/^\d{1,6}$/.test(capText) || Number(capText) < 1 || Number(capText) > 100_000) {
          return { senders: 'The daily cap is a whole number of sends per sender per day, 1 to 100000.' };
        }
        if (channel === 'voice') return { senders: 'Calls have no daily cap; leave it empty for voice.' };
        dailyCap = Number(capText);
      }
      await saveProvider(tx, c.get('session').accountId, { channel, provider, senders, dailyCap });
      log('PROVIDER_SETTINGS_SAVED', { channel, provider });
      return `${provider} is now the ${channel} provider.`;
    }),
  );

  // Senders (issue 19): resume a paused one, or mark an inbox already warm. Owners and admins;
  // the SQL functions check the role again and record who did it.
  app.post('/settings/senders/resume', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const channel = text(form, 'channel');
      const sender = text(form, 'sender');
      if (!['email', 'sms', 'whatsapp'].includes(channel) || !sender || sender.length > 320) return { sender: 'Choose a sender to resume.' };
      if (!(await resumeSender(tx, c.get('session').userId, channel, sender))) return { sender: `${sender} is not paused.` };
      log('SENDER_RESUMED', { channel });
      return `${sender} is sending again; its bounce and complaint rates start a fresh window of 200 sends.`;
    }),
  );
  app.post('/settings/senders/warm', requirePermission('settings.edit'), (c) =>
    saveSettings(c, async (tx, form) => {
      const sender = text(form, 'sender');
      const warm = form.already_warm === 'true';
      if (!sender || sender.length > 320) return { sender: 'Choose an inbox.' };
      await setSenderAlreadyWarm(tx, c.get('session').userId, sender, warm);
      return warm ? `${sender} is already warm: its full daily cap applies from today.` : `${sender} ramps up again from its first send.`;
    }),
  );

  return app;
}
