/**
 * The dispatch contract (issue 14, item 5): claim_touch's JSON parses into the
 * SendRequest the drivers read, and each driver builds its own callback and
 * media-stream URLs from the public addresses it was given. Fake providers on
 * 127.0.0.1; no database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelnyx, startFakeTwilio, type FakeTelnyx, type FakeTwilio } from './fakes/index.ts';
import { camelKeys, ClaimedSendSchema, createTelnyxDriver, createTwilioDriver, type SendRequest } from '../worker/drivers/index.ts';

const BASE = 'https://api.dealer.example.test';
const GATEWAY = 'wss://voice.dealer.example.test';

/** The `send` object of brain.claim_touch's answer, as the database writes it. */
function claimed(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    touch_run_id: '6f1f4b7a-3f51-4e44-9b2f-0c7f6c1d2e3f',
    send_key: 'sk_contract_1',
    account_id: '11111111-1111-4111-8111-111111111111',
    lead_id: '22222222-2222-4222-8222-222222222222',
    campaign_id: null,
    step: 1,
    attempt: 1,
    channel: 'sms',
    provider: 'twilio',
    provider_config: { whatsapp_templates: { cita: 'HX1' } },
    to: '+13055550100',
    from: '+13055550199',
    body: 'hola',
    subject: null,
    template_name: null,
    template_variables: { first_name: 'Juan', visits: 2 },
    in_customer_service_window: false,
    persona: 'initial',
    country: 'US',
    ...overrides,
  };
}

function query(url: string | null | undefined): Record<string, string> {
  return Object.fromEntries(new URL(url ?? 'http://x/').searchParams);
}

describe('claim_touch JSON → SendRequest', () => {
  it('camelCases the top-level keys only and normalizes what drivers read', () => {
    const send = ClaimedSendSchema.parse(camelKeys(claimed()));
    const request: SendRequest = send;
    expect(request).toMatchObject({
      touchRunId: '6f1f4b7a-3f51-4e44-9b2f-0c7f6c1d2e3f',
      sendKey: 'sk_contract_1',
      channel: 'sms',
      to: '+13055550100',
      from: '+13055550199',
      templateVariables: { first_name: 'Juan', visits: '2' },
      inCustomerServiceWindow: false,
      providerConfig: { whatsapp_templates: { cita: 'HX1' } },
    });
    expect(send.provider).toBe('twilio');
    expect(request.subject).toBeUndefined();
    expect(request.templateName).toBeUndefined();
    expect(request.statusCallbackUrl).toBeUndefined();
  });

  it('an email without a sender gets an empty from; an unknown channel or provider is refused', () => {
    expect(ClaimedSendSchema.parse(camelKeys(claimed({ channel: 'email', from: null, subject: 'Hola' })))).toMatchObject({ from: '', subject: 'Hola' });
    expect(ClaimedSendSchema.safeParse(camelKeys(claimed({ channel: 'fax' }))).success).toBe(false);
    expect(ClaimedSendSchema.safeParse(camelKeys(claimed({ provider: 'pigeon' }))).success).toBe(false);
  });

  it('an email that names its copies (delivery.cc) hands them on; none, or an empty list, is no cc', () => {
    expect(ClaimedSendSchema.parse(camelKeys(claimed({ channel: 'email', to: 'jordan@example.test', cc: ['pat@example.test'] }))))
      .toMatchObject({ to: 'jordan@example.test', cc: ['pat@example.test'] });
    expect(ClaimedSendSchema.parse(camelKeys(claimed({ channel: 'email' }))).cc).toBeUndefined();
    expect(ClaimedSendSchema.parse(camelKeys(claimed({ channel: 'email', cc: [] }))).cc).toBeUndefined();
    expect(ClaimedSendSchema.safeParse(camelKeys(claimed({ channel: 'email', cc: 'pat@example.test' }))).success).toBe(false);
  });
});

describe('drivers build their own callback URLs', () => {
  let twilioFake: FakeTwilio;
  let telnyxFake: FakeTelnyx;

  beforeAll(async () => {
    twilioFake = await startFakeTwilio();
    telnyxFake = await startFakeTelnyx();
  });

  afterAll(async () => {
    await twilioFake.close();
    await telnyxFake.close();
  });

  const send = (overrides: Record<string, unknown> = {}): SendRequest => ClaimedSendSchema.parse(camelKeys(claimed(overrides)));

  it('twilio: messages report to /webhooks/twilio/status, calls to /webhooks/twilio/voice and stream to the gateway', async () => {
    const twilio = createTwilioDriver({
      accountSid: twilioFake.accountSid,
      authToken: twilioFake.authToken,
      apiBaseUrl: twilioFake.url,
      publicBaseUrl: `${BASE}/`,
      voiceGatewayUrl: GATEWAY,
      voiceGatewayToken: 'gw-token',
    });
    const sms = send();
    expect((await twilio.send(sms)).kind).toBe('accepted');
    const message = twilioFake.accepted.at(-1)!;
    expect(message.statusCallback?.split('?')[0]).toBe(`${BASE}/webhooks/twilio/status`);
    expect(query(message.statusCallback)).toEqual({ touch_run_id: sms.touchRunId, send_key: sms.sendKey });

    const call = send({ channel: 'voice', send_key: 'sk_contract_2' });
    expect((await twilio.send(call)).kind).toBe('accepted');
    const body = twilioFake.requests.at(-1)!.body as Record<string, unknown>;
    expect(String(body.StatusCallback).split('?')[0]).toBe(`${BASE}/webhooks/twilio/voice`);
    expect(twilioFake.accepted.at(-1)!.twiml).toContain(`<Stream url="${GATEWAY}/twilio?token=gw-token">`);
  });

  it('telnyx: messages report to /webhooks/telnyx, calls to the gateway over http(s)', async () => {
    const telnyx = createTelnyxDriver({
      apiKey: telnyxFake.apiKey,
      appId: telnyxFake.connectionId,
      apiBaseUrl: `${telnyxFake.url}/v2`,
      publicBaseUrl: BASE,
      voiceGatewayUrl: GATEWAY,
    });
    const sms = send({ provider: 'telnyx' });
    expect((await telnyx.send(sms)).kind).toBe('accepted');
    expect(telnyxFake.accepted.at(-1)!.webhookUrl?.split('?')[0]).toBe(`${BASE}/webhooks/telnyx`);
    const call = send({ provider: 'telnyx', channel: 'voice', send_key: 'sk_contract_3' });
    expect((await telnyx.send(call)).kind).toBe('accepted');
    expect(telnyxFake.accepted.at(-1)!.webhookUrl?.split('?')[0]).toBe('https://voice.dealer.example.test/telnyx/webhook');
  });

  it('a driver given no public URL refuses rather than guessing', async () => {
    const twilio = createTwilioDriver({ accountSid: twilioFake.accountSid, authToken: twilioFake.authToken, apiBaseUrl: twilioFake.url });
    expect(await twilio.send(send({ send_key: 'sk_contract_4' }))).toMatchObject({ kind: 'rejected', errorCode: 'invalid_status_callback_url' });
    expect(await twilio.send(send({ channel: 'voice', send_key: 'sk_contract_5' }))).toMatchObject({ kind: 'rejected', errorCode: 'voice_stream_url_required' });
  });
});
