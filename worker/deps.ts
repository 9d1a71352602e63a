import type { Sql } from '../db/client.ts';
import type { KeyRing } from '../lib/secrets.ts';
import type { AccountDrivers } from './drivers/accounts.ts';
import type { EnrichmentConfig } from './enrichment/config.ts';
import type { Driver, ProviderName } from './drivers/types.ts';
import type { AccountReplyModels, InboxModelSettings } from './inbox/model.ts';
import type { ApiBaseConfig, SlackConfig } from './providers.ts';

/** What worker tasks are given; read once at start-up and passed down. */
export interface WorkerDeps {
  /** Sessions that run as revenue_worker. */
  sql: Sql;
  /**
   * The same, with asynchronous commit, used only to record outcomes. Losing such
   * a commit in a crash leaves the touch "sending"; it then becomes unknown and is
   * reconciled, never re-sent. Claims use `sql`: a claim must be durable before
   * the provider is called, or a crash could let the touch be claimed twice.
   */
  outcomeSql: Sql;
  /** The environment's drivers (the single-tenant fallback). */
  drivers: Map<ProviderName, Driver>;
  /**
   * Each account's own drivers, from its stored credentials, falling back to
   * `drivers` (worker/drivers/accounts.ts). Absent: `drivers` for everyone.
   */
  accountDrivers?: AccountDrivers;
  workerId: string;
  /**
   * Public URL of the API, for links in messages (unsubscribe). Provider callback
   * and media-stream URLs are the drivers' own (buildDrivers' DriverUrls).
   */
  publicBaseUrl: string;
  /** Signs unsubscribe links. */
  appSecret: string;
  /** Opens each account's provider credentials (lib/provider-credentials.ts). */
  keyRing: KeyRing;
  /** Rows per orchestrator tick. */
  batchSize: number;
  /**
   * Batched dispatch (dispatch_touches): touches claimed per transaction and provider
   * calls in flight per job. Absent: 50 and 50.
   */
  dispatch?: { batchSize: number; sendConcurrency: number };
  /**
   * The AI inbox (worker/inbox/model.ts): each account's OpenAI model (its own key, else
   * the environment's; null without one) and the settings read at start-up
   * (AUTO_SEND_DISABLED among them), and Slack's API settings for review posts
   * (SLACK_API_BASE_URL, SLACK_BOT_TOKEN). Absent: no model, so replies the rules cannot
   * tag are Neutral and no draft is written; no Slack post.
   */
  inbox?: { models: AccountReplyModels; settings: InboxModelSettings; slack?: SlackConfig };
  /**
   * Booking (issue 18): Calendly's API settings (CALENDLY_API_BASE_URL, the provider
   * time-out); each account's token is its own (Settings → Providers). Absent: the
   * default base URL and a 10 s time-out.
   */
  booking?: { calendly: ApiBaseConfig };
  /**
   * Enrichment (issue 19): TWILIO_LOOKUP_BASE_URL, ENRICHMENT_DNS and the lookup time-out,
   * and the environment's Twilio keys (an account's stored keys come first). Absent: the
   * default Lookup host, no MX lookups, and no environment keys (libphonenumber decides
   * for accounts without stored keys).
   */
  enrichment?: { config: EnrichmentConfig; twilio: { accountSid?: string; authToken?: string } };
}
