// Test signals for the audio DSP tests: generated here, never loaded from files.

export interface SineSpec {
  frequency: number;
  /** Peak level in dBFS. */
  peakDb: number;
  seconds: number;
  sampleRate?: number;
  channels?: number;
  /** Starting phase in radians. */
  phase?: number;
}

/** Interleaved sine, same signal on every channel. */
export function sine(spec: SineSpec): Float32Array {
  const rate = spec.sampleRate ?? 48000;
  const ch = spec.channels ?? 2;
  const frames = Math.round(spec.seconds * rate);
  const amp = Math.pow(10, spec.peakDb / 20);
  const out = new Float32Array(frames * ch);
  const w = (2 * Math.PI * spec.frequency) / rate;
  for (let f = 0; f < frames; f++) {
    const v = amp * Math.sin(w * f + (spec.phase ?? 0));
    for (let c = 0; c < ch; c++) out[f * ch + c] = v;
  }
  return out;
}

/** Interleave per-channel signals (all the same length). */
export function interleave(channels: Float32Array[]): Float32Array {
  const ch = channels.length;
  const frames = channels[0]?.length ?? 0;
  const out = new Float32Array(frames * ch);
  channels.forEach((data, c) => {
    for (let f = 0; f < frames; f++) out[f * ch + c] = data[f]!;
  });
  return out;
}

/** A 1 kHz stereo sine made of consecutive segments of [peak dBFS, seconds], phase-continuous. */
export function toneSequence(segments: [number, number][], sampleRate = 48000): Float32Array {
  const total = segments.reduce((n, [, s]) => n + Math.round(s * sampleRate), 0);
  const out = new Float32Array(total * 2);
  let f = 0;
  for (const [db, seconds] of segments) {
    const amp = Math.pow(10, db / 20);
    const end = f + Math.round(seconds * sampleRate);
    for (; f < end; f++) {
      const v = amp * Math.sin((2 * Math.PI * 1000 * f) / sampleRate);
      out[f * 2] = v;
      out[f * 2 + 1] = v;
    }
  }
  return out;
}

export function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feed `samples` to `sink` in chunks of `frames` frames (the last one shorter). */
export function pushInChunks(
  sink: { push(samples: Float32Array): void },
  samples: Float32Array,
  frames: number,
  channels = 2,
): void {
  const step = frames * channels;
  for (let i = 0; i < samples.length; i += step) sink.push(samples.subarray(i, i + step));
}

/** Largest |x[n] - x[n-1]| of one channel over frames [from, to). */
export function maxJump(samples: Float32Array, channels: number, c: number, from = 1, to?: number): number {
  const end = to ?? samples.length / channels;
  let max = 0;
  for (let f = Math.max(1, from); f < end; f++) {
    max = Math.max(max, Math.abs(samples[f * channels + c]! - samples[(f - 1) * channels + c]!));
  }
  return max;
}
