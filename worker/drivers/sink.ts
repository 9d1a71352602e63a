/**
 * The sink provider: sends nothing. Each send becomes one JSON line in the
 * outbox file (masked recipient, no body), so `make run` without credentials
 * shows what would have gone out, and a crashed send can be looked up.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { log } from '../../lib/log.ts';
import { maskTail, shortHash } from './common.ts';
import type { Channel, Driver, LookupResult, SendRequest, SendResult } from './types.ts';

export interface SinkOptions {
  outboxFile: string;
}

export interface SinkOutboxLine {
  at: string;
  send_key: string;
  touch_run_id: string;
  channel: Channel;
  to_masked: string;
}

export function sinkMessageId(sendKey: string): string {
  return `sink_${shortHash(sendKey)}`;
}

export function createSinkDriver(options: SinkOptions): Driver {
  const file = options.outboxFile;
  let dirReady: Promise<unknown> | null = null;

  return {
    name: 'sink',
    channels: ['sms', 'whatsapp', 'voice', 'email'] as const,

    async send(request: SendRequest): Promise<SendResult> {
      const line: SinkOutboxLine = {
        at: new Date().toISOString(),
        send_key: request.sendKey,
        touch_run_id: request.touchRunId,
        channel: request.channel,
        to_masked: maskTail(request.to),
      };
      try {
        dirReady ??= mkdir(path.dirname(file), { recursive: true });
        await dirReady;
        // One write of one line with O_APPEND: concurrent sends do not interleave.
        await appendFile(file, JSON.stringify(line) + '\n', 'utf8');
      } catch (error) {
        dirReady = null;
        const message = error instanceof Error ? error.message : String(error);
        log('SINK_WRITE_FAILED', { touch_run_id: request.touchRunId, error: message }, 'error');
        return { kind: 'not_sent', errorCode: 'sink_write_failed', errorMessage: message };
      }
      const providerMessageId = sinkMessageId(request.sendKey);
      log('SINK_SEND_RECORDED', { channel: request.channel, touch_run_id: request.touchRunId, to_masked: line.to_masked, provider_message_id: providerMessageId });
      return { kind: 'accepted', providerMessageId, providerStatus: 'recorded' };
    },

    async lookup(request: SendRequest): Promise<LookupResult> {
      const stream = createReadStream(file, { encoding: 'utf8' });
      try {
        await once(stream, 'open');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'not_found' };
        throw error;
      }
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      try {
        for await (const raw of lines) {
          if (!raw.includes(request.sendKey)) continue;
          try {
            const entry = JSON.parse(raw) as Partial<SinkOutboxLine>;
            if (entry.send_key === request.sendKey) {
              return { kind: 'found', providerMessageId: sinkMessageId(request.sendKey), providerStatus: 'recorded' };
            }
          } catch {
            // A torn last line (crash mid-write) is not a record.
          }
        }
      } finally {
        lines.close();
        stream.destroy();
      }
      return { kind: 'not_found' };
    },
  };
}
