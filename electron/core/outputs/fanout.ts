// The fan-out: the encoder's MPEG-TS comes in through push(); it is cut into packets and GOPs once, and every
// GOP is handed to the recorder and to each destination. Nothing in push() waits on a sink: each one queues
// (and drops) for itself, so a stalled or failing destination never holds back the others or the recording.
import type { Logger } from '../log/logger.js';
import type { Destination, DestinationStatus } from './destination.js';
import type { Recorder } from './recorder.js';
import type { GopSink, SplitterStats } from './ts-gop.js';
import { TsGopSplitter } from './ts-gop.js';
import { TsPacketizer } from './ts.js';

export interface FanOutOptions {
  logger: Logger;
  recorder?: Recorder | null;
  now?: () => number;
}

export interface FanOutStats extends SplitterStats {
  bytesIn: number;
  resyncs: number;
  discardedBytes: number;
}

export class FanOut {
  private readonly packetizer = new TsPacketizer();
  private readonly splitter: TsGopSplitter;
  private readonly destinations = new Map<string, Destination>();
  private recorder: Recorder | null;
  private bytesIn = 0;
  private readonly failing = new Set<GopSink>();
  private started = false;

  constructor(private readonly opts: FanOutOptions) {
    this.splitter = new TsGopSplitter(opts.now);
    this.recorder = opts.recorder ?? null;
  }

  /** A chunk of the encoder's stdout (any size). Synchronous and never throws. */
  push(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    const packets = this.packetizer.push(chunk);
    if (packets.length === 0) return;
    const gops = this.splitter.push(packets);
    if (gops.length === 0) return;
    const sinks: GopSink[] = this.recorder
      ? [this.recorder, ...this.destinations.values()]
      : [...this.destinations.values()];
    for (const gop of gops) {
      for (const sink of sinks) {
        try {
          sink.onGop(gop);
          this.failing.delete(sink);
        } catch (err) {
          // One broken sink must not take the others down; say it once, not at every packet.
          if (!this.failing.has(sink)) this.opts.logger.error('fan-out: a sink threw', { err });
          this.failing.add(sink);
        }
      }
    }
  }

  /**
   * Call when the encoder restarted (before pushing its new output): the partial packet and GOP of the old
   * stream are closed, sinks resume at the new stream's first keyframe, and the recorder starts a new segment.
   */
  encoderRestarted(): void {
    this.packetizer.reset();
    this.splitter.restart();
  }

  setRecorder(recorder: Recorder | null): void {
    this.recorder = recorder;
  }

  /** Adds (or replaces, stopping the old one) a destination; started at once if startAll() is in effect. */
  async addDestination(dest: Destination): Promise<void> {
    const old = this.destinations.get(dest.id);
    this.destinations.set(dest.id, dest);
    if (old && old !== dest) await old.stop();
    if (this.started) dest.start();
  }

  async removeDestination(id: string): Promise<boolean> {
    const dest = this.destinations.get(id);
    if (!dest) return false;
    this.destinations.delete(id);
    await dest.stop();
    return true;
  }

  destination(id: string): Destination | undefined {
    return this.destinations.get(id);
  }

  statuses(): DestinationStatus[] {
    return [...this.destinations.values()].map((d) => d.status());
  }

  startAll(): void {
    this.started = true;
    for (const d of this.destinations.values()) d.start();
  }

  /** Stops every destination (in parallel); the recorder is left alone. */
  async stopAll(): Promise<void> {
    this.started = false;
    await Promise.all([...this.destinations.values()].map((d) => d.stop()));
  }

  /** Stops the destinations and finalizes the recording. */
  async close(): Promise<void> {
    await Promise.all([this.stopAll(), this.recorder?.stop()]);
  }

  stats(): FanOutStats {
    return {
      ...this.splitter.stats(),
      bytesIn: this.bytesIn,
      resyncs: this.packetizer.resyncs,
      discardedBytes: this.packetizer.discardedBytes,
    };
  }
}
