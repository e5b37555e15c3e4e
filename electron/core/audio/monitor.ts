// Monitoring (PFL): what the operator hears in the console. A source is heard as it enters the bus —
// after its sync offset, before its fader, mute and solo (pre-fader, pre-mute: a muted microphone can be
// checked before it is opened); "program" is the program mix as encoded (its first track). Blocks of
// one program tick are gathered to at least 20 ms (one tick at 25 to 50 fps, two at 60 fps) and handed
// out as binary monitor frames (shared/monitor.ts). Nothing is done for an id no client listens to.
import { encodeMonitorFrame, PROGRAM_MONITOR } from '../../shared/monitor.js';
import { CHANNELS, SAMPLE_RATE } from '../mixer/audio-queue.js';

/** The shortest block sent (frames): 20 ms. */
export const MONITOR_MIN_FRAMES = SAMPLE_RATE / 50;

export interface MonitorFeedDeps {
  /** The ids some client listens to now (the same Set until it changes: this is read per block). */
  wanted: () => ReadonlySet<string>;
  send: (id: string, frame: Buffer) => void;
}

interface Pending {
  samples: Int16Array;
  length: number;
  sequence: number;
}

export class MonitorFeed {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: MonitorFeedDeps) {}

  /** A source's block as the bus sees it before its fader (floats, interleaved stereo). */
  source(id: string, samples: Float32Array): void {
    if (id === PROGRAM_MONITOR) return; // a source with the id "program" is heard on the program only
    if (!this.deps.wanted().has(id)) {
      this.pending.delete(id);
      return;
    }
    const p = this.room(id, samples.length);
    const dst = p.samples;
    for (let i = 0; i < samples.length; i++) {
      const v = Math.round((samples[i] ?? 0) * 32768);
      dst[p.length + i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
    this.advance(id, p, samples.length);
  }

  /** The program mix of one tick (s16, interleaved stereo). */
  program(pcm: Int16Array): void {
    if (!this.deps.wanted().has(PROGRAM_MONITOR)) {
      this.pending.delete(PROGRAM_MONITOR);
      return;
    }
    const p = this.room(PROGRAM_MONITOR, pcm.length);
    p.samples.set(pcm, p.length);
    this.advance(PROGRAM_MONITOR, p, pcm.length);
  }

  private room(id: string, extra: number): Pending {
    let p = this.pending.get(id);
    if (!p) {
      p = { samples: new Int16Array(MONITOR_MIN_FRAMES * CHANNELS * 3), length: 0, sequence: 0 };
      this.pending.set(id, p);
    }
    if (p.length + extra > p.samples.length) {
      const grown = new Int16Array((p.length + extra) * 2);
      grown.set(p.samples.subarray(0, p.length));
      p.samples = grown;
    }
    return p;
  }

  private advance(id: string, p: Pending, added: number): void {
    p.length += added;
    if (p.length < MONITOR_MIN_FRAMES * CHANNELS) return;
    const frame = encodeMonitorFrame(id, SAMPLE_RATE, CHANNELS, p.sequence, p.samples.subarray(0, p.length));
    p.sequence += 1;
    p.length = 0;
    this.deps.send(id, Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
  }
}
