/**
 * Provider drivers behind one interface (types.ts), built from the provider
 * configuration that worker/providers.ts reads once.
 */
import type { ProviderConfig } from '../providers.ts';
import { createElasticDriver } from './elastic.ts';
import { createSinkDriver } from './sink.ts';
import { createTelnyxDriver } from './telnyx.ts';
import { createTwilioDriver } from './twilio.ts';
import type { Driver, DriverUrls, ProviderName } from './types.ts';

export type * from './types.ts';
export { camelKeys, ClaimedSendSchema, SendRequestSchema, CHANNELS, PROVIDERS } from './types.ts';
export { classifyHttpError, classifyTransportError, callbackUrlFor, emailMessageId, maskTail, shortHash } from './common.ts';
export { createSinkDriver, sinkMessageId, type SinkOptions, type SinkOutboxLine } from './sink.ts';
export { createTwilioDriver, classifyTwilioError, dryRunMessageId, voiceTwiml, RebasedRequestClient, MISSING_TWILIO_ENV, type TwilioOptions } from './twilio.ts';
export { createTelnyxDriver, classifyTelnyxError, MISSING_TELNYX_ENV, MISSING_TELNYX_APP_ID, type TelnyxOptions } from './telnyx.ts';
export { createElasticDriver, transactionalEmail, MISSING_ELASTIC_ENV, type ElasticOptions } from './elastic.ts';

/**
 * One driver per provider, always all four: an unconfigured provider's driver
 * fails closed (`not_sent` with a missing_*_env message naming the variables)
 * instead of being absent, so a caller never has to guess why. Each driver
 * builds its own callback and media-stream URLs from `urls`.
 */
export function buildDrivers(config: ProviderConfig, urls: DriverUrls = {}): Map<ProviderName, Driver> {
  const drivers = new Map<ProviderName, Driver>();
  drivers.set('sink', createSinkDriver({ outboxFile: config.sink.outboxFile }));
  drivers.set(
    'twilio',
    createTwilioDriver({
      accountSid: config.twilio.accountSid,
      authToken: config.twilio.authToken,
      apiBaseUrl: config.twilio.apiBaseUrl,
      qaSink: config.twilio.qaSink,
      dryRunWhatsapp: config.twilio.dryRunWhatsapp,
      timeoutMs: config.twilio.timeoutMs,
      ...urls,
    }),
  );
  drivers.set(
    'telnyx',
    createTelnyxDriver({
      apiKey: config.telnyx.apiKey,
      appId: config.telnyx.appId,
      apiBaseUrl: config.telnyx.apiBaseUrl,
      timeoutMs: config.telnyx.timeoutMs,
      ...urls,
    }),
  );
  drivers.set(
    'elastic_email',
    createElasticDriver({
      apiKey: config.elasticEmail.apiKey,
      from: config.elasticEmail.from,
      apiBaseUrl: config.elasticEmail.apiBaseUrl,
      timeoutMs: config.elasticEmail.timeoutMs,
    }),
  );
  return drivers;
}
