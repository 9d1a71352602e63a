import type { Sql } from '../db/client.ts';
import type { Driver, ProviderName } from './drivers/types.ts';

/** What worker tasks are given; read once at start-up and passed down. */
export interface WorkerDeps {
  sql: Sql;
  drivers: Map<ProviderName, Driver>;
  workerId: string;
  /** Public URL of the API, for provider callbacks and links in messages. */
  publicBaseUrl: string;
  /** Public WebSocket URL of the voice gateway. */
  voiceGatewayUrl: string;
  voiceGatewayToken?: string;
  /** Signs unsubscribe links. */
  appSecret: string;
  /** Rows per orchestrator tick. */
  batchSize: number;
}
