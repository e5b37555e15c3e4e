// Groups TS packets into GOPs: a GOP starts at a video keyframe packet. Each GOP carries a copy of the latest
// PAT + PMT (`psi`) so that a sink can start a stream, or resume after a gap, at any GOP.
import {
  PAT_PID,
  isKeyframeStart,
  isPayloadStart,
  packetPid,
  parsePat,
  parsePmt,
  pesTimestamps,
  videoPidOf,
} from './ts.js';

/** A video frame (PES) that starts at packets[index], at media time ms. */
export interface GopFrame {
  index: number;
  ms: number;
}

/** One GOP, shared by every sink (read-only for them); the splitter appends packets until the next keyframe. */
export interface Gop {
  readonly seq: number;
  /** PAT + PMT to write before packets[0] when a stream starts, or resumes after a gap, at this GOP. */
  readonly psi: Buffer;
  readonly packets: Buffer[];
  bytes: number;
  readonly frames: GopFrame[];
  /** Media time of the keyframe (ms, from DTS/PTS, made monotonic), and of the latest frame so far. */
  readonly startMs: number;
  lastMs: number;
  /** Wall-clock time (ms) when the keyframe arrived. */
  readonly wallMs: number;
  /** Set when the next GOP has started: no more packets will be added. */
  complete: boolean;
  /** The timestamps do not follow the previous GOP's (the encoder restarted): a recording cuts a segment here. */
  readonly discontinuity: boolean;
}

/** Anything fed by the fan-out: called each time a GOP starts or receives packets. */
export interface GopSink {
  onGop(gop: Gop): void;
}

const WRAP_MS = 2 ** 33 / 90;
/** A timestamp jump larger than this (or backwards by more than 1 s) is a discontinuity, e.g. an encoder restart. */
const MAX_JUMP_MS = 5000;

/** Turns 90 kHz timestamps into a monotonic media clock in ms: unwraps 33 bits, bridges discontinuities. */
export class MediaClock {
  private lastRaw: number | null = null;
  private lastWall = 0;
  private ms: number | null = null;
  private bridgeNext = false;
  private jumped = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** ts90k null: no timestamp, follow the wall clock. */
  at(ts90k: number | null): number {
    const wall = this.now();
    const raw = ts90k === null ? null : ts90k / 90;
    let ms: number;
    if (this.ms === null) {
      ms = raw ?? wall;
    } else if (raw === null || this.lastRaw === null || this.bridgeNext) {
      ms = this.ms + Math.max(0, wall - this.lastWall);
      this.jumped ||= this.bridgeNext;
    } else {
      let d = raw - this.lastRaw;
      if (d < -WRAP_MS / 2) d += WRAP_MS;
      else if (d > WRAP_MS / 2) d -= WRAP_MS;
      if (d < -1000 || d > MAX_JUMP_MS) {
        d = Math.max(0, wall - this.lastWall);
        this.jumped = true;
      }
      ms = this.ms + d;
    }
    this.bridgeNext = false;
    if (raw !== null) this.lastRaw = raw;
    this.lastWall = wall;
    this.ms = ms;
    return ms;
  }

  /** Whether a discontinuity was bridged since the last call. */
  takeJump(): boolean {
    const j = this.jumped;
    this.jumped = false;
    return j;
  }

  /** The next timestamp starts a new stream: bridge it with the wall clock, whatever its value. */
  restart(): void {
    if (this.ms !== null) this.bridgeNext = true;
  }
}

export interface SplitterStats {
  packets: number;
  /** Packets before the first keyframe, which no sink can use. */
  skippedPackets: number;
  gops: number;
  videoPid: number | null;
}

export class TsGopSplitter {
  private pat: Buffer | null = null;
  private pmt: Buffer | null = null;
  private pmtPid: number | null = null;
  private videoPid: number | null = null;
  private gop: Gop | null = null;
  private seq = 0;
  private readonly clock: MediaClock;
  private readonly stats_: SplitterStats = { packets: 0, skippedPackets: 0, gops: 0, videoPid: null };

  constructor(private readonly now: () => number = Date.now) {
    this.clock = new MediaClock(now);
  }

  get current(): Gop | null {
    return this.gop;
  }

  stats(): SplitterStats {
    return { ...this.stats_, videoPid: this.videoPid };
  }

  /** Returns the GOPs that received packets, in order (a completed one, then the new one, …). */
  push(packets: readonly Buffer[]): Gop[] {
    const touched: Gop[] = [];
    for (const p of packets) {
      this.stats_.packets += 1;
      const pid = packetPid(p);
      if (pid === PAT_PID) this.onPat(p);
      else if (pid === this.pmtPid) this.onPmt(p);
      let frameMs: number | null = null;
      if (pid === this.videoPid && isPayloadStart(p)) {
        const ts = pesTimestamps(p);
        frameMs = this.clock.at(ts?.dts ?? null);
      }
      if (frameMs !== null && this.videoPid !== null && isKeyframeStart(p, this.videoPid)) {
        this.startGop(frameMs);
      }
      const gop = this.gop;
      if (!gop) {
        this.stats_.skippedPackets += 1;
        continue;
      }
      if (frameMs !== null) {
        gop.frames.push({ index: gop.packets.length, ms: frameMs });
        if (frameMs > gop.lastMs) gop.lastMs = frameMs;
      }
      gop.packets.push(p);
      gop.bytes += p.length;
      if (touched[touched.length - 1] !== gop) touched.push(gop);
    }
    return touched;
  }

  private startGop(ms: number): void {
    if (this.gop) this.gop.complete = true;
    const psi = this.pat && this.pmt ? Buffer.concat([this.pat, this.pmt]) : Buffer.alloc(0);
    this.seq += 1;
    this.stats_.gops += 1;
    this.gop = {
      seq: this.seq,
      psi,
      packets: [],
      bytes: 0,
      frames: [],
      startMs: ms,
      lastMs: ms,
      wallMs: this.now(),
      complete: false,
      discontinuity: this.clock.takeJump(),
    };
  }

  /**
   * The encoder restarted: what comes next is a new stream. The GOP in progress is closed, packets up to the
   * new stream's first keyframe are skipped, PAT/PMT are learnt again, and that GOP is marked discontinuous.
   */
  restart(): void {
    if (this.gop) this.gop.complete = true;
    this.gop = null;
    this.pat = null;
    this.pmt = null;
    this.pmtPid = null;
    this.videoPid = null;
    this.clock.restart();
  }

  private onPat(p: Buffer): void {
    const pids = parsePat(p);
    const first = pids[0];
    if (first === undefined) return;
    this.pat = Buffer.from(p);
    this.pmtPid = first;
  }

  private onPmt(p: Buffer): void {
    const pmt = parsePmt(p);
    if (!pmt) return;
    this.pmt = Buffer.from(p);
    this.videoPid = videoPidOf(pmt.streams);
  }
}
