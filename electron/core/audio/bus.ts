// The program bus: each source's block goes through its strip (gain in dB with a click-free ramp across
// the block, mute, solo, audio-follows-video) into a float mix; meters read post-fader per source and on
// the program (sample peak, RMS, EBU R128 loudness). One block per program frame, 48 kHz stereo.
import { DelayLine, LoudnessMeter, PeakRmsMeter, dbToGain } from './dsp/index.js';

/** The longest audio delay (the show schema's maximum). */
export const MAX_DELAY_MS = 2000;

export interface Strip {
  gainDb: number;
  muted: boolean;
  followsVideo: boolean;
  /** Sync offset in ms: > 0 delays the audio here (< 0 delays the video, in the source runner). */
  delayMs: number;
}

export interface SourceBlock {
  id: string;
  block: Int16Array;
  strip: Strip;
  /** The source is visible on program now (for audio-follows-video). */
  onProgram: boolean;
}

export interface AudioTelemetry {
  program: { peakDb: number; rmsDb: number; lufsM: number; lufsS: number; lufsI: number; lra: number };
  sources: {
    id: string;
    peakDb: number;
    rmsDb: number;
    gainDb: number;
    muted: boolean;
    solo: boolean;
    delayMs: number;
    /** From the source's queue (added by the media engine). */
    driftPpm?: number;
    queueMs?: number;
    /** A/V offset measured from a flash and beep (sync pattern) in the last 10 s, + = audio late. */
    syncOffsetMs?: number | null;
  }[];
}

const round = (v: number): number => (Number.isFinite(v) ? Math.round(v * 100) / 100 : -144);

interface ChannelState {
  gain: number;
  delay: DelayLine;
  meter: PeakRmsMeter;
  strip: Strip;
}

export class ProgramBus {
  private readonly channels = new Map<string, ChannelState>();
  private readonly solo = new Set<string>();
  private mix = new Float32Array(0);
  private scratch = new Float32Array(0);
  private readonly programMeter = new PeakRmsMeter();
  private readonly loudness = new LoudnessMeter();
  /** Sees each source's block after its delay, before its fader (sync measurement, PFL). */
  tap: ((id: string, samples: Float32Array) => void) | null = null;

  setSolo(id: string, on: boolean): void {
    if (on) this.solo.add(id);
    else this.solo.delete(id);
  }

  soloed(): string[] {
    return [...this.solo].sort();
  }

  /** Mixes one block; writes the s16 program into `out` (same length as the blocks). */
  process(blocks: readonly SourceBlock[], out: Int16Array): void {
    const n = out.length;
    if (this.mix.length !== n) {
      this.mix = new Float32Array(n);
      this.scratch = new Float32Array(n);
    }
    this.mix.fill(0);
    const present = new Set<string>();
    for (const b of blocks) {
      present.add(b.id);
      let ch = this.channels.get(b.id);
      if (!ch) {
        ch = {
          gain: this.targetGain(b),
          meter: new PeakRmsMeter(),
          strip: b.strip,
          delay: new DelayLine({ maxDelayMs: MAX_DELAY_MS, delayMs: Math.max(0, b.strip.delayMs) }),
        };
        this.channels.set(b.id, ch);
      }
      ch.strip = b.strip;
      const target = this.targetGain(b);
      const from = ch.gain;
      const frames = n / 2;
      const input = this.scratch;
      for (let i = 0; i < n; i++) input[i] = (b.block[i] ?? 0) / 32768;
      // The sync offset: a change crossfades between the old and the new delay (no click).
      ch.delay.setDelayMs(Math.max(0, b.strip.delayMs));
      ch.delay.process(input);
      this.tap?.(b.id, input.subarray(0, n));
      for (let i = 0; i < frames; i++) {
        const g = from + ((target - from) * (i + 1)) / frames;
        const l = (input[2 * i] ?? 0) * g;
        const r = (input[2 * i + 1] ?? 0) * g;
        this.scratch[2 * i] = l;
        this.scratch[2 * i + 1] = r;
        this.mix[2 * i] = (this.mix[2 * i] ?? 0) + l;
        this.mix[2 * i + 1] = (this.mix[2 * i + 1] ?? 0) + r;
      }
      ch.gain = target;
      ch.meter.push(this.scratch.subarray(0, n));
    }
    for (const id of this.channels.keys()) if (!present.has(id)) this.channels.delete(id);
    this.programMeter.push(this.mix);
    this.loudness.push(this.mix);
    for (let i = 0; i < n; i++) {
      const v = Math.round((this.mix[i] ?? 0) * 32768);
      out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
  }

  telemetry(): AudioTelemetry {
    const level = (m: PeakRmsMeter): { peakDb: number; rmsDb: number } => {
      const chans = m.read();
      return {
        peakDb: round(Math.max(...chans.map((c) => c.peak))),
        rmsDb: round(Math.max(...chans.map((c) => c.rms))),
      };
    };
    const l = this.loudness.read();
    return {
      program: {
        ...level(this.programMeter),
        lufsM: round(l.momentary),
        lufsS: round(l.shortTerm),
        lufsI: round(l.integrated),
        lra: round(l.lra),
      },
      sources: [...this.channels.entries()].map(([id, ch]) => ({
        id,
        ...level(ch.meter),
        gainDb: ch.strip.gainDb,
        muted: ch.strip.muted,
        delayMs: ch.strip.delayMs,
        solo: this.solo.has(id),
      })),
    };
  }

  private targetGain(b: SourceBlock): number {
    if (b.strip.muted) return 0;
    if (this.solo.size > 0 && !this.solo.has(b.id)) return 0;
    if (b.strip.followsVideo && !b.onProgram) return 0;
    return dbToGain(b.strip.gainDb);
  }
}
