/**
 * The TTS fallback: when Realtime cannot be reached, the gateway still speaks
 * to the person on the line through /v1/audio/speech (the official SDK) with
 * seed 001's defaults (OPENAI_TTS_MODEL gpt-4o-mini-tts, OPENAI_TTS_VOICE
 * alloy, TTS_SPEED 1.2), then ends the call politely.
 *
 * Seed 001's known failure: a speech request without a model is a 400 and
 * the line goes silent (TTS_FAIL). The model here always has a value (the
 * config's default), and a blank one is refused before any request is made.
 */
import OpenAI, { APIError } from 'openai';
import { log } from '../lib/log.ts';
import { pcm24kToUlaw8k } from './audio.ts';
import type { GatewayConfig } from './config.ts';

export const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';

export interface Tts {
  /** μ-law 8 kHz audio of `text`, or null when the request failed (logged TTS_FAIL). */
  speak(text: string, callId: string): Promise<Buffer | null>;
}

export function createTts(config: GatewayConfig): Tts {
  const client = new OpenAI({
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseUrl ?? OPENAI_API_BASE_URL,
    organization: null,
    project: null,
    timeout: 15_000,
    maxRetries: 1,
  });
  const { ttsModel: model, voice, ttsSpeed: speed } = config.openai;

  return {
    async speak(text: string, callId: string): Promise<Buffer | null> {
      if (!model || model.trim() === '') {
        log('TTS_FAIL', { call_id: callId, reason: 'missing_model', hint: 'set OPENAI_TTS_MODEL' }, 'error');
        return null;
      }
      const started = performance.now();
      log('TTS_REQUEST', { call_id: callId, model, voice, speed, chars: text.length });
      try {
        const response = await client.audio.speech.create({ model, voice, speed, input: text, response_format: 'pcm' });
        const audio = pcm24kToUlaw8k(Buffer.from(await response.arrayBuffer()));
        log('TTS_OK', { call_id: callId, audio_ms: Math.round(audio.length / 8), ms: Math.round(performance.now() - started) });
        return audio;
      } catch (error) {
        const status = error instanceof APIError && typeof error.status === 'number' ? error.status : null;
        const code = error instanceof APIError && typeof error.code === 'string' ? error.code : null;
        log('TTS_FAIL', { call_id: callId, status, code, error: (error as Error).name, ms: Math.round(performance.now() - started) }, 'error');
        return null;
      }
    },
  };
}
