// Measures every source's A/V offset as the program gets it: the video frame the mixer takes (after any
// video delay) and the audio after the sync offset, both on the program timeline (tick index / fps). Any
// source showing the sync pattern (or a phone showing it in front of a camera) is measured; the latest
// offset goes to telemetry and audio.calibrate waits for a few flashes.
import { BeepDetector, FlashDetector, meanLuma, median, pairOffsets } from './detectors.js';

interface Track {
  flash: FlashDetector;
  beep: BeepDetector;
  flashes: number[];
  beeps: number[];
  lastSeen: number;
}

const KEEP_S = 20;

export class SyncMonitor {
  private readonly tracks = new Map<string, Track>();
  private t = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly fps: number,
  ) {}

  /** Start of a program tick. */
  tick(index: number): void {
    this.t = index / this.fps;
  }

  /** The source's audio of this tick, after its delay (interleaved stereo, pre-fader). */
  audio(id: string, samples: Float32Array): void {
    const track = this.track(id);
    const at = track.beep.push(samples, this.t);
    if (at !== null) track.beeps.push(at);
    this.trim(track);
  }

  /**
   * The source's frame taken at this tick (I420, Y plane first), or null (no signal). `ageS`: how long
   * before the tick's due time the frame arrived, so a flash is timed to within the pipe's jitter instead
   * of to the program frame it was shown on (a whole frame period of error otherwise).
   */
  video(id: string, frame: Buffer | null, ageS = 0): void {
    if (frame === null) return;
    const track = this.track(id);
    const age = Math.min(Math.max(0, ageS), 1 / this.fps);
    const at = track.flash.push(meanLuma(frame, this.width, this.height), this.t - age);
    if (at !== null) track.flashes.push(at);
  }

  /** Offsets (ms, + = audio late) measured since program time `since` (s). */
  offsets(id: string, since = -Infinity): number[] {
    const track = this.tracks.get(id);
    if (!track) return [];
    const flashes = track.flashes.filter((f) => f >= since);
    // A flash too recent for its beep to have come yet is left for later.
    const settled = flashes.filter((f) => f < this.t - 1.5);
    return pairOffsets(settled, track.beeps);
  }

  /** Median of the offsets of the last 10 s, or null when no flash and beep were found. */
  latest(id: string): number | null {
    const m = median(this.offsets(id, this.t - 10));
    return m === null ? null : Math.round(m * 10) / 10;
  }

  now(): number {
    return this.t;
  }

  forget(keep: ReadonlySet<string>): void {
    for (const id of this.tracks.keys()) if (!keep.has(id)) this.tracks.delete(id);
  }

  private track(id: string): Track {
    let track = this.tracks.get(id);
    if (!track) {
      track = { flash: new FlashDetector(), beep: new BeepDetector(), flashes: [], beeps: [], lastSeen: 0 };
      this.tracks.set(id, track);
    }
    track.lastSeen = this.t;
    return track;
  }

  private trim(track: Track): void {
    const old = this.t - KEEP_S;
    while ((track.flashes[0] ?? Infinity) < old) track.flashes.shift();
    while ((track.beeps[0] ?? Infinity) < old) track.beeps.shift();
  }
}
