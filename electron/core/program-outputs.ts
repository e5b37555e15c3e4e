// The program's outputs: the fan-out of the encoder's MPEG-TS to the recorder and to every destination.
// The recorder writes to disk independently of the network; each destination starts, fails and
// reconnects alone. Status goes to state (1 Hz) and telemetry.
import { join } from 'node:path';
import { ApiError } from '../shared/errors.js';
import type { Destination as DestinationConfig, Show } from '../shared/show.js';
import type { Logger } from './log/logger.js';
import { createLogger } from './log/logger.js';
import { Destination } from './outputs/destination.js';
import type { DestinationStatus } from './outputs/destination.js';
import { FanOut } from './outputs/fanout.js';
import { Recorder } from './outputs/recorder.js';
import type { RecorderStatus } from './outputs/recorder.js';
import type { SecretsStore } from './secrets/store.js';
import { preflight } from './outputs/preflight.js';
import type { PreflightResult } from './outputs/preflight.js';
import { findSrtTool } from './outputs/srt-tool.js';
import { programBitsPerSecond } from './outputs/preflight.js';
import { DiskMonitor } from './disk/monitor.js';
import type { DiskStatus } from './disk/monitor.js';

export interface OutputsDeps {
  ffmpeg: string;
  dataDir: string;
  secrets: SecretsStore;
  logger: Logger;
  show: () => Show;
  /** How often the free disk space is read (default 5 s). */
  diskIntervalMs?: number;
}

/** A destination is rebuilt when its settings, its rendition's or the program's audio rate change. */
function configKey(show: Show, config: DestinationConfig): string {
  return JSON.stringify([
    config,
    show.renditions.find((r) => r.id === config.rendition) ?? null,
    show.encoder.audioKbps,
  ]);
}

export class ProgramOutputs {
  private readonly fanout: FanOut;
  private recorder: Recorder | null = null;
  private readonly destinations = new Map<string, { dest: Destination; config: string }>();
  private live = false;
  private readonly diskMonitor: DiskMonitor;

  constructor(private readonly deps: OutputsDeps) {
    this.fanout = new FanOut({ logger: deps.logger.child('fanout') });
    this.diskMonitor = new DiskMonitor({
      dir: () => this.recordingDir(),
      rate: () => this.recordingRate(),
      logger: deps.logger.child('disk'),
      ...(deps.diskIntervalMs !== undefined ? { intervalMs: deps.diskIntervalMs } : {}),
    });
  }

  /** Bits per second: the recording's own rate once it has run 10 s, else the encoder's configured one. */
  private recordingRate(): number {
    const st = this.recorder?.status();
    if (st?.active === true && st.durationS >= 10) return (st.bytes * 8) / st.durationS;
    return programBitsPerSecond(this.deps.show());
  }

  /** Free space and time left where the recording goes (null until the first statfs). */
  disk(): DiskStatus | null {
    return this.diskMonitor.status();
  }

  push(chunk: Buffer): void {
    this.fanout.push(chunk);
  }

  /** The encoder started again: its timestamps restart, so the recording opens a new segment. */
  encoderRestarted(): void {
    this.fanout.encoderRestarted();
  }

  recordingDir(): string {
    return this.deps.show().recording.directory ?? join(this.deps.dataDir, 'recordings');
  }

  startRecording(): { path: string } {
    if (this.recorder?.status().active === true) throw new ApiError('conflict', 'already recording');
    const show = this.deps.show();
    const recorder = new Recorder({
      dir: this.recordingDir(),
      showName: show.name,
      segmentSeconds: show.recording.segmentMinutes * 60,
      logger: createLogger('recorder'),
      onStoppedByItself: () => void this.diskMonitor.check(),
    });
    let started: { path: string };
    try {
      started = recorder.start();
    } catch (err) {
      throw new ApiError(
        'unavailable',
        `cannot record in ${this.recordingDir()}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    this.recorder = recorder;
    this.fanout.setRecorder(recorder);
    return started;
  }

  async stopRecording(): Promise<{ path: string | null; segments: string[] }> {
    const recorder = this.recorder;
    if (!recorder || !recorder.status().active) throw new ApiError('conflict', 'not recording');
    await recorder.stop();
    this.fanout.setRecorder(null);
    const st = recorder.status();
    return { path: st.path, segments: st.segments };
  }

  /** Creates, replaces or removes Destination objects to match the show's destinations. */
  async sync(show: Show): Promise<void> {
    const wanted = new Map(show.destinations.map((d) => [d.id as string, d]));
    for (const [id, entry] of this.destinations) {
      const next = wanted.get(id);
      if (next === undefined || configKey(show, next) !== entry.config) {
        this.destinations.delete(id);
        await this.fanout.removeDestination(id);
      }
    }
    for (const [id, config] of wanted) {
      if (this.destinations.has(id)) continue;
      const dest = this.make(config);
      this.destinations.set(id, { dest, config: configKey(show, config) });
      await this.fanout.addDestination(dest);
      if (this.live && config.enabled) dest.start();
    }
  }

  /** Go live: every enabled destination starts. */
  startStream(): string[] {
    this.live = true;
    const started: string[] = [];
    for (const [id, { dest }] of this.destinations) {
      const config = this.deps.show().destinations.find((d) => d.id === id);
      if (config?.enabled === true) {
        dest.start();
        started.push(id);
      }
    }
    return started;
  }

  async stopStream(): Promise<void> {
    this.live = false;
    await Promise.all([...this.destinations.values()].map((e) => e.dest.stop()));
  }

  startDestination(id: string): void {
    this.get(id).start();
  }

  async stopDestination(id: string): Promise<void> {
    await this.get(id).stop();
  }

  status(): {
    recording: (RecorderStatus & { disk: DiskStatus | null }) | null;
    destinations: Record<string, DestinationStatus>;
  } {
    const destinations: Record<string, DestinationStatus> = {};
    for (const [id, { dest }] of this.destinations) destinations[id] = dest.status();
    const rec = this.recorder?.status();
    return { recording: rec ? { ...rec, disk: this.disk() } : null, destinations };
  }

  async close(): Promise<void> {
    this.live = false;
    this.diskMonitor.close();
    await Promise.all([...this.destinations.values()].map((e) => e.dest.stop()));
    if (this.recorder?.status().active === true) await this.recorder.stop();
  }

  /** stream.preflight: reach every enabled destination, check the disk and the encoder's speed. */
  preflight(opts: { timeoutMs: number; encoderSpeed: number | null }): Promise<PreflightResult> {
    const liveIds = new Set<string>();
    for (const [id, { dest }] of this.destinations) if (dest.status().state === 'live') liveIds.add(id);
    return preflight({
      show: this.deps.show(),
      recordingDir: this.recordingDir(),
      secret: (ref) => this.deps.secrets.get(ref) ?? null,
      srtTool: findSrtTool(),
      encoderSpeed: opts.encoderSpeed,
      liveIds,
      timeoutMs: opts.timeoutMs,
    });
  }

  private get(id: string): Destination {
    const entry = this.destinations.get(id);
    if (!entry) throw new ApiError('not_found', `no destination "${id}"`);
    return entry.dest;
  }

  private make(config: DestinationConfig): Destination {
    const key = config.keyRef !== undefined ? (this.deps.secrets.get(config.keyRef) ?? null) : null;
    const rendition = this.deps.show().renditions.find((r) => r.id === config.rendition);
    return new Destination({
      id: config.id,
      name: config.name,
      url: config.url,
      key,
      ffmpeg: this.deps.ffmpeg,
      ...(config.statsUrl !== undefined ? { statsUrl: config.statsUrl } : {}),
      ...(config.format !== undefined ? { format: config.format } : {}),
      encode: rendition ?? null,
      programAudioKbps: this.deps.show().encoder.audioKbps,
      logger: createLogger(`destination.${config.id}`),
    });
  }
}
