// Listening to the program or one source (PFL) in the console: the core sends PCM frames on the
// WebSocket to the connection that asked (`{type:"monitor"}`); WebAudio plays them with a small jitter
// buffer (about 60 ms ahead of the audio clock). The received level is shown so the operator knows the
// monitor works even with headphones unplugged.
import type { MonitorFrame } from '../../electron/shared/monitor.js';

const LEAD_S = 0.06;
const MAX_AHEAD_S = 0.3;

export class MonitorPlayer {
  private ctx: AudioContext | null = null;
  private next = 0;
  private peak = 0;
  private peakAt = 0;
  frames = 0;

  /** Call from a click (browsers start audio only after a user gesture). */
  start(): void {
    if (this.ctx === null) this.ctx = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
    void this.ctx.resume();
    this.next = 0;
  }

  stop(): void {
    void this.ctx?.suspend();
    this.next = 0;
    this.peak = 0;
  }

  play(f: MonitorFrame): void {
    this.frames += 1;
    let p = 0;
    for (const v of f.pcm) {
      const a = Math.abs(v);
      if (a > p) p = a;
    }
    const now = performance.now();
    if (p >= this.peak || now - this.peakAt > 500) {
      this.peak = p;
      this.peakAt = now;
    }
    const ctx = this.ctx;
    if (ctx === null || ctx.state !== 'running') return;
    const frames = f.pcm.length / f.channels;
    const buf = ctx.createBuffer(f.channels, frames, f.sampleRate);
    for (let c = 0; c < f.channels; c++) {
      const ch = buf.getChannelData(c);
      for (let i = 0; i < frames; i++) ch[i] = (f.pcm[i * f.channels + c] ?? 0) / 32768;
    }
    const t = ctx.currentTime;
    // too far behind (a stall) or ahead (a burst): start again just ahead of the clock
    if (this.next < t + 0.01 || this.next > t + MAX_AHEAD_S) this.next = t + LEAD_S;
    const src = ctx.createBufferSource();
    src.buffer = buf;
    src.connect(ctx.destination);
    src.start(this.next);
    this.next += buf.duration;
  }

  /** Peak of the last half second of received audio, dBFS (-144 when nothing arrives). */
  levelDb(): number {
    if (performance.now() - this.peakAt > 1000 || this.peak === 0) return -144;
    return 20 * Math.log10(this.peak / 32768);
  }
}

export const monitorPlayer = new MonitorPlayer();
