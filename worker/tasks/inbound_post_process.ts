import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { log } from '../../lib/log.ts';
import type { WorkerDeps } from '../deps.ts';

const Payload = z.object({ inbound_message_id: z.string().uuid() });

/** Queued once per inbound message. The AI stage will live here; for now it records that it ran. */
export function inboundPostProcess(deps: WorkerDeps): Task {
  return async (rawPayload) => {
    const { inbound_message_id: id } = Payload.parse(rawPayload);
    const [row] = await deps.sql<{ ran: boolean }[]>`select brain.record_inbound_post_process(${id}) as ran`;
    log('INBOUND_POST_PROCESSED', { inbound_message_id: id, first_run: row?.ran ?? false });
  };
}
