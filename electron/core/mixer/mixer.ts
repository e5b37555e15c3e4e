// The mixer: on every tick of the master clock it takes the newest frame of each source (or its no-signal
// slate), composes the program through the native compositor straight into an encoder buffer, mixes one
// block of audio, and hands both to the encoder (with the slides track's source frame, on the ticks that
// carry one). Nothing here waits on a source or on the encoder: a slow or dead one is repeated, slated or
// dropped, and counted, and the program keeps its frame rate.
import type { DrawOp, I420Frame, YuvaFrame } from '../../../native/index.js';
import { allocFrame, compose, crossfade } from '../../../native/index.js';
import type { Corner } from './logo.js';
import { logoOp } from './logo.js';
import { bandOps } from './timestamp-band.js';
import type { Slot } from '../../shared/layout.js';
import { layoutSlots } from '../../shared/layout.js';
import type { CustomLayout, ProgramScene } from '../../shared/show.js';
import type { Logger } from '../log/logger.js';
import type { SourceManager } from '../sources/manager.js';
import { CHANNELS, SAMPLE_RATE } from './audio-queue.js';
import type { ProgramBus, SourceBlock, Strip } from '../audio/bus.js';
import type { SyncMonitor } from '../sync/monitor.js';

const UNITY: Strip = { gainDb: 0, muted: false, followsVideo: false, delayMs: 0 };
import { FrameClock } from './clock.js';
import type { Encoder } from './encoder.js';
import type { ProgramFormat } from './encoder-args.js';
import type { Transition } from './render.js';
import { ProgramRenderer } from './render.js';
import type { SlateKind } from './slate.js';
import { SlateCache } from './slate.js';
import { fillSlides } from './slides-frame.js';

export type Blank = 'break' | 'closed' | null;

export interface MixerStats {
  ticks: number;
  skippedTicks: number;
  lateMsMax: number;
  composeMsAvg: number;
  blank: Blank;
  inTransition: boolean;
}

export interface MixerDeps {
  ffmpeg: string;
  program: ProgramFormat;
  sources: SourceManager;
  encoder: Encoder;
  logger: Logger;
  showName: () => string;
  /** Called with the program frame after each tick (previews); must not keep the frame. */
  onProgramFrame?: (frame: I420Frame) => void;
  bus: ProgramBus;
  /** Measures the sources' A/V offsets (fed each source's frame per tick; the bus taps its audio). */
  sync?: SyncMonitor;
}

/** Each source's strip, and the sources on program (audio-follows-video): derived once per show change. */
export interface AudioRouting {
  strips: ReadonlyMap<string, Strip>;
  onProgram: ReadonlySet<string>;
  /** The audio tracks each source feeds (bit 0 = first track); absent: the first track. */
  tracks?: ReadonlyMap<string, number>;
}

/** The most audio tracks the encoder takes. */
export const MAX_TRACKS = 3;

const BLANK_FADE_MS = 500;

export class Mixer {
  private readonly clock: FrameClock;
  private readonly renderer: ProgramRenderer;
  private readonly slates: SlateCache;
  private readonly spare: I420Frame;
  private readonly pcm: Int16Array;
  private audioRemainder = 0;
  private blank: Blank = null;
  private blankLevel = 0;
  private blankKind: Exclude<Blank, null> = 'break';
  private ticks = 0;
  private lateMsMax = 0;
  private composeMsTotal = 0;
  private timestamp = false;
  private routing: AudioRouting = { strips: new Map(), onProgram: new Set() };
  private logo: { frame: YuvaFrame; corner: Corner } | null = null;
  private slidesSource: string | null = null;
  /** The source name whose no-signal slate was asked for ahead of need. */
  private slidesSlateFor: string | null = null;

  constructor(private readonly deps: MixerDeps) {
    const { width, height, fps } = deps.program;
    this.renderer = new ProgramRenderer(width, height);
    this.slates = new SlateCache(deps.ffmpeg, width, height, (err) => deps.logger.warn(err.message));
    this.spare = allocFrame(width, height);
    const maxSamples = Math.ceil(SAMPLE_RATE / fps) + 1;
    this.pcm = new Int16Array(maxSamples * CHANNELS * MAX_TRACKS);
    this.clock = new FrameClock(fps, (index, dueAt) => this.tick(dueAt, index));
  }

  start(): void {
    this.lastTickIndex = -1;
    this.clock.start();
  }

  stop(): void {
    this.clock.stop();
  }

  now(): number {
    return performance.now();
  }

  setScene(
    scene: ProgramScene,
    layouts: readonly CustomLayout[],
    transition: Transition = { type: 'cut', ms: 0 },
  ): Slot[] {
    const slots = layoutSlots(scene, this.deps.program, layouts);
    this.renderer.setSlots(slots, transition, this.now());
    return slots;
  }

  setBlank(blank: Blank): void {
    this.blank = blank;
    if (blank !== null) this.blankKind = blank;
  }

  setAudioRouting(routing: AudioRouting): void {
    this.routing = routing;
  }

  /** The source the slides track carries (null: none, or black if the encoder still takes slides). */
  setSlidesSource(id: string | null): void {
    this.slidesSource = id;
  }

  setOverlays(timestamp: boolean, logo: { frame: YuvaFrame; corner: Corner } | null): void {
    this.timestamp = timestamp;
    this.logo = logo;
  }

  stats(): MixerStats {
    return {
      ticks: this.ticks,
      skippedTicks: this.clock.skipped,
      lateMsMax: Math.round(this.lateMsMax * 10) / 10,
      composeMsAvg: this.ticks > 0 ? Math.round((this.composeMsTotal / this.ticks) * 100) / 100 : 0,
      blank: this.blank,
      inTransition: this.renderer.inTransition,
    };
  }

  private readonly blocks = new Map<string, Int16Array>();

  /** A reusable block of n samples for a source (no allocation per tick). */
  private blockFor(id: string, n: number): Int16Array {
    let b = this.blocks.get(id);
    if (!b) {
      b = new Int16Array(this.pcm.length / MAX_TRACKS);
      this.blocks.set(id, b);
    }
    return b.subarray(0, n);
  }

  private lookup = (id: string): I420Frame | null => {
    const runner = this.deps.sources.runner(id);
    if (!runner) return null;
    const data = runner.latestFrame();
    const { width, height } = this.deps.program;
    if (data !== null) return { width, height, data };
    return this.slates.get('noSignal', { source: runner.name });
  };

  private lastTickIndex = -1;

  private tick(dueAt: number, index = this.lastTickIndex + 1): void {
    const start = this.now();
    this.lateMsMax = Math.max(this.lateMsMax, start - dueAt);
    this.ticks += 1;
    for (const r of this.deps.sources.all()) r.tick();

    const { width, height, fps } = this.deps.program;
    const buffers = this.deps.encoder.acquire();
    const dst: I420Frame = buffers ? { width, height, data: buffers.program } : this.spare;
    this.renderer.render(dst, this.lookup, start);
    this.applyOverlays(dst);
    this.applyBlank(dst);
    this.warmSlidesSlate();
    if (buffers?.slides) {
      const id = this.slidesSource;
      fillSlides(buffers.slides, id !== null ? this.lookup(id) : null);
      // The break slate hides the slides as well as the room.
      this.coverWithBlank({ width, height, data: buffers.slides });
    }
    this.composeMsTotal += this.now() - start;

    // One block of audio: 48000/fps samples per frame, the fraction carried to the next tick.
    const exact = SAMPLE_RATE / fps + this.audioRemainder;
    const frames = Math.floor(exact);
    this.audioRemainder = exact - frames;
    const n = frames * CHANNELS;
    const { strips, onProgram, tracks: masks } = this.routing;
    // Ticks the clock skipped after a stall: their audio is skipped too, so lip-sync holds.
    const skipped = this.lastTickIndex >= 0 ? index - this.lastTickIndex - 1 : 0;
    this.lastTickIndex = index;
    if (skipped > 0) for (const r of this.deps.sources.all()) r.audio.skip((skipped * SAMPLE_RATE) / fps);
    const blocks: SourceBlock[] = [];
    for (const r of this.deps.sources.all()) {
      const block = this.blockFor(r.id, n);
      r.audio.pull(block);
      const tracks = masks?.get(r.id);
      blocks.push({
        id: r.id,
        block,
        strip: strips.get(r.id) ?? UNITY,
        onProgram: onProgram.has(r.id),
        ...(tracks !== undefined ? { tracks } : {}),
      });
    }
    const trackCount = Math.min(MAX_TRACKS, this.deps.encoder.audioTracks);
    const pcm = this.pcm.subarray(0, n * trackCount);
    this.deps.sync?.tick(index);
    this.deps.bus.process(blocks, pcm, trackCount);
    if (this.deps.sync) {
      // how long before this tick was due each source's frame arrived (the tick itself may run late)
      const lateMs = start - dueAt;
      for (const r of this.deps.sources.all())
        this.deps.sync.video(r.id, r.latestFrame(), (r.frameAgeMs() - lateMs) / 1000);
    }

    if (buffers) this.deps.encoder.write(buffers, pcm);
    else this.deps.encoder.dropTick();
    this.deps.onProgramFrame?.(dst);
  }

  /**
   * Renders the slides source's no-signal slate ahead of need (rendering takes a few hundred ms): the slides
   * track shows that source full frame, where black frames before its slate would show.
   */
  private warmSlidesSlate(): void {
    const id = this.slidesSource;
    const name = id !== null ? this.deps.sources.runner(id)?.name : undefined;
    if (name === undefined || name === this.slidesSlateFor) return;
    this.slidesSlateFor = name;
    this.slates.get('noSignal', { source: name });
  }

  /** Logo and timestamp band, over the layout and under the break slate. */
  private applyOverlays(dst: I420Frame): void {
    const ops: DrawOp[] = [];
    if (this.logo) ops.push(logoOp(this.logo.frame, this.logo.corner, dst.width, dst.height));
    if (this.timestamp) ops.push(...bandOps(dst.width, dst.height, Date.now()));
    if (ops.length > 0) compose(dst, ops);
  }

  /** The break slate fades in and out over the program; the sources keep running underneath. */
  private applyBlank(dst: I420Frame): void {
    const step = 1000 / this.deps.program.fps / BLANK_FADE_MS;
    this.blankLevel = Math.min(1, Math.max(0, this.blankLevel + (this.blank !== null ? step : -step)));
    this.coverWithBlank(dst);
  }

  /** The break slate over a frame at the current fade level. */
  private coverWithBlank(dst: I420Frame): void {
    if (this.blankLevel <= 0) return;
    const slate = this.slates.get(this.blankKind satisfies SlateKind, { show: this.deps.showName() });
    if (slate === null) return;
    crossfade(dst, dst, slate, this.blankLevel);
  }
}
