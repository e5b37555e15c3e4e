// The program bus: each source's block goes through its strip (gain in dB with a click-free ramp across
// the block, mute, solo, audio-follows-video) into a float mix; meters read post-fader per source and on
// the program (sample peak, RMS, EBU R128 loudness). One block per program frame, 48 kHz stereo.
import { DelayLine, LoudnessMeter, PeakRmsMeter, dbToGain } from './dsp/index.js';
import { floatToS16, gainMixStereo, s16ToFloat } from './dsp/pcm.js';

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
  /** The tracks it feeds, bit 0 = first track (default: the first track only). */
  tracks?: number;
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
  /** Each audio track's mix (the first is the program above). */
  tracks?: { peakDb: number; rmsDb: number }[];
}

const toS16 = (v: number): number => {
  const s = Math.round(v * 32768);
  return s > 32767 ? 32767 : s < -32768 ? -32768 : s;
};

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
  private mixes: Float32Array[] = [];
  private scratch = new Float32Array(0);
  private trackMeters: PeakRmsMeter[] = [];
  private readonly programMeter = new PeakRmsMeter();
  private readonly loudness = new LoudnessMeter();
  /** Sees each source's block after its delay, before its fader (sync measurement, PFL). */
  tap: ((id: string, samples: Float32Array) => void) | null = null;
  /** Sees the program mix of each block, as encoded (monitoring). */
  onProgram: ((pcm: Int16Array) => void) | null = null;

  setSolo(id: string, on: boolean): void {
    if (on) this.solo.add(id);
    else this.solo.delete(id);
  }

  soloed(): string[] {
    return [...this.solo].sort();
  }

  /**
   * Mixes one block per track; writes the s16 tracks, interleaved frame by frame, into `out`
   * (`tracks` × the blocks' length).
   */
  process(blocks: readonly SourceBlock[], out: Int16Array, tracks = 1): void {
    const n = out.length / tracks;
    if (this.scratch.length !== n || this.mixes.length !== tracks) {
      this.mixes = Array.from({ length: tracks }, () => new Float32Array(n));
      this.scratch = new Float32Array(n);
      this.trackMeters = Array.from({ length: tracks }, (_, t) =>
        t === 0 ? this.programMeter : new PeakRmsMeter(),
      );
    }
    for (const m of this.mixes) m.fill(0);
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
      s16ToFloat(b.block, input, n);
      // The sync offset: a change crossfades between the old and the new delay (no click).
      ch.delay.setDelayMs(Math.max(0, b.strip.delayMs));
      ch.delay.process(input);
      this.tap?.(b.id, input.subarray(0, n));
      const mask = b.tracks ?? 1;
      const only = tracks === 1 && (mask & 1) !== 0 ? this.mixes[0] : undefined;
      if (only) {
        // One track (the usual case): the gain and the mix in one pass, as cheap as before tracks.
        gainMixStereo(input, only, frames, from, target);
      } else {
        for (let i = 0; i < frames; i++) {
          const g = from + ((target - from) * (i + 1)) / frames;
          input[2 * i] = (input[2 * i] ?? 0) * g;
          input[2 * i + 1] = (input[2 * i + 1] ?? 0) * g;
        }
        for (let t = 0; t < tracks; t++) {
          const mix = this.mixes[t];
          if ((mask & (1 << t)) === 0 || mix === undefined) continue;
          for (let i = 0; i < n; i++) mix[i] = (mix[i] ?? 0) + (input[i] ?? 0);
        }
      }
      ch.gain = target;
      ch.meter.push(input.subarray(0, n));
    }
    for (const id of this.channels.keys()) if (!present.has(id)) this.channels.delete(id);
    const program = this.mixes[0];
    if (program) this.loudness.push(program);
    for (let t = 0; t < tracks; t++) {
      const mix = this.mixes[t];
      if (!mix) continue;
      this.trackMeters[t]?.push(mix);
      if (tracks === 1) {
        floatToS16(mix, out, n);
        continue;
      }
      for (let i = 0; i < n; i += 2) {
        const at = i * tracks + 2 * t;
        out[at] = toS16(mix[i] ?? 0);
        out[at + 1] = toS16(mix[i + 1] ?? 0);
      }
    }
    this.onProgram?.(tracks === 1 ? out : this.firstTrack(out, tracks));
  }

  private firstOut = new Int16Array(0);

  /** The first track alone, out of interleaved tracks (for the program monitor). */
  private firstTrack(out: Int16Array, tracks: number): Int16Array {
    const n = out.length / tracks;
    if (this.firstOut.length !== n) this.firstOut = new Int16Array(n);
    for (let i = 0; i < n; i += 2) {
      this.firstOut[i] = out[i * tracks] ?? 0;
      this.firstOut[i + 1] = out[i * tracks + 1] ?? 0;
    }
    return this.firstOut;
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
      tracks: this.trackMeters.map(level),
    };
  }

  private targetGain(b: SourceBlock): number {
    if (b.strip.muted) return 0;
    if (this.solo.size > 0 && !this.solo.has(b.id)) return 0;
    if (b.strip.followsVideo && !b.onProgram) return 0;
    return dbToGain(b.strip.gainDb);
  }
}
