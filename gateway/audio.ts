/**
 * G.711 μ-law (PCMU) at 8 kHz, the only codec the gateway carries. Call audio
 * passes through untouched (carrier base64 → Realtime base64, byte for byte);
 * these helpers only look at it (is anyone speaking?) and build the TTS
 * fallback's audio (24 kHz PCM from /v1/audio/speech → 8 kHz μ-law).
 */

/** 8000 samples/s, one byte each: 8 bytes per millisecond, 160 bytes per 20 ms frame. */
export const ULAW_BYTES_PER_MS = 8;
export const FRAME_BYTES = 160;

/** A frame whose loudest sample reaches this (of 32767, about -32 dBFS) carries real audio, not line noise. */
export const VOICED_PEAK = 800;

function decodeSample(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** Linear value of every μ-law byte. */
export const ULAW_TO_LINEAR: Int16Array = (() => {
  const t = new Int16Array(256);
  for (let b = 0; b < 256; b++) t[b] = decodeSample(b);
  return t;
})();

const ULAW_PEAK: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let b = 0; b < 256; b++) t[b] = Math.abs(ULAW_TO_LINEAR[b]!);
  return t;
})();

export function linearToUlaw(sample: number): number {
  const CLIP = 32635;
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > CLIP) s = CLIP;
  s += 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Bytes carried by a base64 string (no decoding). */
export function base64Bytes(b64: string): number {
  const n = b64.length;
  if (n === 0) return 0;
  const pad = b64.charCodeAt(n - 1) === 61 ? (b64.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  return ((n * 3) >> 2) - pad;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A carrier payload we forward must be plain base64 (it is spliced into JSON unescaped). */
export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && BASE64.test(value);
}

/** Loudest sample of a base64 μ-law payload. */
export function ulawPeak(b64: string): number {
  const bytes = Buffer.from(b64, 'base64');
  let peak = 0;
  for (let i = 0; i < bytes.length; i++) {
    const p = ULAW_PEAK[bytes[i]!]!;
    if (p > peak) peak = p;
  }
  return peak;
}

/**
 * 16-bit little-endian PCM at 24 kHz (OpenAI's `pcm` speech format) to 8 kHz
 * μ-law: each output sample is the mean of three input samples (a box filter
 * whose first zero sits at the new 8 kHz rate, enough for a telephone line).
 */
export function pcm24kToUlaw8k(pcm: Buffer): Buffer {
  const samples = Math.floor(pcm.length / 2);
  const out = Buffer.alloc(Math.floor(samples / 3));
  for (let i = 0; i < out.length; i++) {
    const j = i * 6;
    const mean = (pcm.readInt16LE(j) + pcm.readInt16LE(j + 2) + pcm.readInt16LE(j + 4)) / 3;
    out[i] = linearToUlaw(mean);
  }
  return out;
}

/** Splits audio into chunks of `size` bytes (the last may be shorter). */
export function chunks(audio: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < audio.length; i += size) out.push(audio.subarray(i, Math.min(audio.length, i + size)));
  return out;
}
