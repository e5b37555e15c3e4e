// The bookkeeping behind a destination's health (Health, in ARCHITECTURE.md): spawns and reconnects, when the
// link went live and last carried data, libsrt's link statistics, what the ingest server says (polled every
// 5 s), and the status that gathers them with the feed's counters.
import type { DestinationTarget } from './destination-args.js';
import type { GopFeed } from './destination-feed.js';
import type { DestinationState, DestinationStatus, IngestStatus } from './destination-types.js';
import { ingestTarget, pollIngest } from './ingest.js';
import type { SrtSample, SrtStats } from './srt-stats.js';
import { accumulateSrtStats } from './srt-stats.js';

/** What the destination itself knows, for status(). */
export interface StatusHead {
  id: string;
  name: string;
  url: string;
  state: DestinationState;
  lastError: string | null;
  pid: number | null;
  tool: DestinationStatus['tool'];
}

export class LinkHealth {
  reconnects = 0;
  private spawns = 0;
  /** When the current process was spawned. */
  spawnedAt = 0;
  liveSince = 0;
  lastGrowthAt = 0;
  private lastSize = -1;
  /** This process reached the server (SRT: libsrt connected). */
  connected = false;
  /** This process went live at least once. */
  wentLive = false;
  private srt: SrtStats | null = null;
  ingest: IngestStatus | null = null;
  private ingestAt = 0;
  private ingestPolling = false;

  constructor(private readonly now: () => number) {}

  /** A new start by the operator: counters from zero. */
  restart(): void {
    this.reconnects = 0;
    this.spawns = 0;
    this.ingest = null;
    this.ingestAt = 0;
  }

  /** A new process; returns whether it is a reconnection (not the first since start). */
  spawned(): boolean {
    this.spawns += 1;
    if (this.spawns > 1) this.reconnects += 1;
    this.spawnedAt = this.now();
    this.lastSize = -1;
    this.connected = false;
    this.wentLive = false;
    this.srt = null;
    return this.spawns > 1;
  }

  /** ffmpeg's progress line: whether its output grew. */
  outputGrew(sizeKiB: number): boolean {
    const grew = sizeKiB > this.lastSize && sizeKiB > 0;
    this.lastSize = sizeKiB;
    return grew;
  }

  /** srt-live-transmit's stats line; whether packets went out on a connected link. */
  srtSample(sample: SrtSample): boolean {
    this.srt = accumulateSrtStats(this.srt, sample);
    return sample.send.packets > 0 && this.connected;
  }

  /** The link carries data; returns whether it just went live (it was not). */
  growth(live: boolean): boolean {
    this.lastGrowthAt = this.now();
    if (live) return false;
    this.liveSince = this.lastGrowthAt;
    this.wentLive = true;
    return true;
  }

  /** Every 5 s at most, ask the stats URL about our stream; keep the answer if `keep()` still holds. */
  pollIngest(url: string | undefined, target: DestinationTarget | null, keep: () => boolean): void {
    if (url === undefined || !target || this.ingestPolling || this.now() - this.ingestAt < 5000) return;
    this.ingestPolling = true;
    this.ingestAt = this.now();
    void pollIngest(url, ingestTarget(target, url)).then((status) => {
      this.ingestPolling = false;
      if (keep()) this.ingest = status;
    });
  }

  status(head: StatusHead, feed: GopFeed): DestinationStatus {
    const now = this.now();
    return {
      id: head.id,
      name: head.name,
      url: head.url,
      state: head.state,
      bitrateKbps: feed.rate.kbps(),
      bitrateHistory: feed.rate.historyKbps(),
      reconnects: this.reconnects,
      lastError: head.lastError,
      uptimeS: head.state === 'live' ? Math.floor((now - this.liveSince) / 1000) : 0,
      backlogMs: Math.round(feed.backlogMs()),
      droppedGops: feed.droppedGops,
      droppedFrames: feed.droppedFrames,
      bytesSent: feed.bytesSent,
      pid: head.pid,
      tool: head.tool,
      srt: this.srt,
      ingest: this.ingest,
    };
  }
}
