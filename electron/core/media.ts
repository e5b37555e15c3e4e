// The media engine: sources, mixer clock and compositor, encoder. It applies the show (sources, scene,
// format, encoder settings) and keeps running whatever fails underneath. The fan-out (recorder and
// destinations) is fed from the encoder's MPEG-TS.
import type { I420Frame, YuvaFrame } from '../../native/index.js';
import { ApiError } from '../shared/errors.js';
import type { Overlays, Show } from '../shared/show.js';
import type { Corner } from './mixer/logo.js';
import { loadLogo } from './mixer/logo.js';
import type { SourceStatus } from '../shared/state.js';
import type { Logger } from './log/logger.js';
import { createLogger } from './log/logger.js';
import { Encoder } from './mixer/encoder.js';
import type { EncoderSettings, ProgramFormat } from './mixer/encoder-args.js';
import type { AudioRouting, Blank } from './mixer/mixer.js';
import { Mixer } from './mixer/mixer.js';
import type { Transition } from './mixer/render.js';
import { SourceManager } from './sources/manager.js';
import type { AudioTelemetry } from './audio/bus.js';
import { ProgramBus } from './audio/bus.js';
import type { MonitorFeedDeps } from './audio/monitor.js';
import { MonitorFeed } from './audio/monitor.js';
import { PROGRAM_MONITOR } from '../shared/monitor.js';
import { trackMask } from '../shared/show-audio.js';
import { median } from './sync/detectors.js';
import { SyncMonitor } from './sync/monitor.js';

export interface MediaDeps {
  ffmpeg: string;
  ffprobe: string | null;
  logger: Logger;
  onSourceStatus: (id: string, status: SourceStatus | null) => void;
  /** Hardware encoders that passed their trial (filled in the background). */
  workingHardware: () => readonly string[];
  onTs?: (chunk: Buffer) => void;
  onEncoderRestart?: () => void;
  onProgramFrame?: (frame: I420Frame) => void;
  /** Monitoring (PFL): who listens to what, and where the frames go. */
  monitor?: MonitorFeedDeps;
}

export function resolveEncoder(show: Show, working: readonly string[]): EncoderSettings {
  const e = show.encoder;
  const codec = e.codec === 'auto' ? (working[0] ?? 'libx264') : e.codec;
  return {
    codec,
    preset: e.preset,
    videoKbps: e.videoKbps,
    audioKbps: e.audioKbps,
    gopSeconds: e.gopSeconds,
    profile: e.profile,
    // Which source it carries is the mixer's business: changing it does not restart the encoder.
    ...(e.slidesTrack ? { slidesTrack: { fps: e.slidesTrack.fps, videoKbps: e.slidesTrack.videoKbps } } : {}),
    // One plain track is the encoder's default: its arguments stay as they were before tracks.
    ...(show.audioTracks.length > 1 || show.audioTracks.some((t) => t.language !== undefined)
      ? { audioTracks: show.audioTracks.map((t) => ({ name: t.name, language: t.language })) }
      : {}),
  };
}

function routingOf(show: Show): AudioRouting {
  return {
    strips: new Map(show.sources.map((s) => [s.id as string, s.mixer])),
    onProgram: new Set<string>(show.scene.sources),
    tracks: new Map(show.sources.map((s) => [s.id as string, trackMask(show.audioTracks, s.mixer.tracks)])),
  };
}

export class MediaEngine {
  readonly sources: SourceManager;
  private encoder: Encoder | null = null;
  private mixer: Mixer | null = null;
  private format: ProgramFormat | null = null;
  private encoderKey = '';
  private sceneKey = '';
  private show: Show | null = null;
  private overlays: { timestamp: boolean; logo: { frame: YuvaFrame; corner: Corner } | null } = {
    timestamp: false,
    logo: null,
  };
  private overlaysKey = '';
  private readonly bus = new ProgramBus();
  private sync: SyncMonitor | null = null;
  private routing: AudioRouting = { strips: new Map(), onProgram: new Set() };
  private readonly monitor: MonitorFeed | null;

  constructor(private readonly deps: MediaDeps) {
    this.sources = new SourceManager(deps.ffmpeg, createLogger('source'), deps.onSourceStatus);
    this.monitor = deps.monitor ? new MonitorFeed(deps.monitor) : null;
    const monitor = this.monitor;
    if (monitor) this.bus.onProgram = (pcm) => monitor.program(pcm);
  }

  /** Whether `target` can be monitored: "program", or a source of the show. */
  canMonitor(target: string): boolean {
    return target === PROGRAM_MONITOR || (this.show?.sources.some((s) => s.id === target) ?? false);
  }

  /** Brings the media plane in line with the show. Idempotent; cheap when nothing changed. */
  async apply(show: Show): Promise<void> {
    this.show = show;
    this.routing = routingOf(show);
    this.mixer?.setAudioRouting(this.routing);
    this.mixer?.setSlidesSource(show.encoder.slidesTrack?.source ?? null);
    const format = { ...show.program };
    if (this.format === null || JSON.stringify(format) !== JSON.stringify(this.format)) {
      await this.rebuild(show);
    } else {
      const settings = resolveEncoder(show, this.deps.workingHardware());
      if (JSON.stringify(settings) !== this.encoderKey && this.encoder) {
        this.encoderKey = JSON.stringify(settings);
        await this.encoder.reconfigure(settings);
      }
    }
    await this.sources.sync(show);
    this.setScene(show, { type: 'cut', ms: 0 });
    const overlaysKey = JSON.stringify(show.overlays);
    if (overlaysKey !== this.overlaysKey) {
      this.overlaysKey = overlaysKey;
      await this.setOverlays(show.overlays).catch((err: unknown) =>
        this.deps.logger.warn(`overlays: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  }

  /** Puts the show's scene on program with a transition, unless it is already there. */
  setScene(show: Show, transition: Transition): void {
    const key = JSON.stringify([show.scene, show.layouts]);
    if (key === this.sceneKey || this.mixer === null) return;
    this.sceneKey = key;
    this.mixer.setScene(show.scene, show.layouts, transition);
  }

  /** Loads the logo (if any) and applies the overlays; a logo that cannot be read is an error for the caller. */
  async setOverlays(overlays: Overlays): Promise<void> {
    this.overlaysKey = JSON.stringify(overlays);
    let logo: { frame: YuvaFrame; corner: Corner } | null = null;
    if (overlays.logo !== null) {
      if (this.deps.ffprobe === null)
        throw new ApiError('unavailable', 'a logo needs ffprobe, which was not found next to ffmpeg');
      const width = (this.format?.width ?? 1920) * overlays.logo.width;
      try {
        logo = {
          frame: await loadLogo(this.deps.ffmpeg, this.deps.ffprobe, overlays.logo.path, width),
          corner: overlays.logo.corner,
        };
      } catch (err) {
        throw new ApiError('invalid_argument', err instanceof Error ? err.message : String(err));
      }
    }
    this.overlays = { timestamp: overlays.timestamp, logo };
    this.mixer?.setOverlays(overlays.timestamp, logo);
  }

  /** Solo on the program bus; returns the soloed sources. */
  setSolo(id: string, on: boolean): string[] {
    this.bus.setSolo(id, on);
    return this.bus.soloed();
  }

  /**
   * Measures a source's A/V offset for `seconds` (it must show the sync pattern, or a phone showing it):
   * the median of the flash-to-beep offsets, in ms (+ = audio late), or null if none was found.
   */
  async measureOffset(id: string, seconds: number): Promise<{ offsetMs: number | null; flashes: number }> {
    const sync = this.sync;
    if (sync === null) return { offsetMs: null, flashes: 0 };
    const since = sync.now();
    await new Promise((r) => setTimeout(r, seconds * 1000 + 1600));
    const offsets = sync.offsets(id, since);
    const m = median(offsets);
    return { offsetMs: m === null ? null : Math.round(m * 10) / 10, flashes: offsets.length };
  }

  /** The bus meters, with each source's queue (drift in ppm, fill in ms). */
  audioTelemetry(): AudioTelemetry {
    const t = this.bus.telemetry();
    for (const s of t.sources) {
      const audio = this.sources.runner(s.id)?.audio;
      if (audio) Object.assign(s, { driftPpm: audio.driftPpm, queueMs: audio.queueMs });
      Object.assign(s, { syncOffsetMs: this.sync?.latest(s.id) ?? null });
    }
    return t;
  }

  setBlank(blank: Blank): void {
    this.mixer?.setBlank(blank);
  }

  stats(): { mixer: ReturnType<Mixer['stats']> | null; encoder: ReturnType<Encoder['status']> | null } {
    return { mixer: this.mixer?.stats() ?? null, encoder: this.encoder?.status() ?? null };
  }

  /** A source's newest frame at the program format, or null (no signal). */
  sourceFrame(id: string): I420Frame | null {
    const data = this.sources.runner(id)?.latestFrame() ?? null;
    const f = this.format;
    return data !== null && f !== null ? { width: f.width, height: f.height, data } : null;
  }

  async close(): Promise<void> {
    this.mixer?.stop();
    await Promise.all([this.sources.stopAll(), this.encoder?.stop()]);
    this.mixer = null;
    this.encoder = null;
  }

  private async rebuild(show: Show): Promise<void> {
    this.mixer?.stop();
    await this.encoder?.stop();
    const format = { ...show.program };
    this.format = format;
    const settings = resolveEncoder(show, this.deps.workingHardware());
    this.encoderKey = JSON.stringify(settings);
    const encoder = new Encoder(this.deps.ffmpeg, format, settings, createLogger('encoder'));
    encoder.on('ts', (chunk) => this.deps.onTs?.(chunk));
    encoder.on('restart', () => this.deps.onEncoderRestart?.());
    this.encoder = encoder;
    this.sceneKey = '';
    this.sync = new SyncMonitor(format.width, format.height, format.fps);
    const sync = this.sync;
    const monitor = this.monitor;
    this.bus.tap = (id, samples) => {
      sync.audio(id, samples);
      monitor?.source(id, samples);
    };
    this.mixer = new Mixer({
      ffmpeg: this.deps.ffmpeg,
      program: format,
      sources: this.sources,
      encoder,
      logger: this.deps.logger.child('mixer'),
      showName: () => this.show?.name ?? '',
      bus: this.bus,
      sync: this.sync,
      ...(this.deps.onProgramFrame ? { onProgramFrame: this.deps.onProgramFrame } : {}),
    });
    this.mixer.setOverlays(this.overlays.timestamp, this.overlays.logo);
    this.mixer.setAudioRouting(this.routing);
    this.mixer.setSlidesSource(show.encoder.slidesTrack?.source ?? null);
    encoder.start();
    this.mixer.start();
  }
}
