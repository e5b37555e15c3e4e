// The public shape of a destination: its options and the status it reports (Health, in ARCHITECTURE.md).
import type { Logger } from '../log/logger.js';
import type { BackoffOptions, KillFn, SpawnFn } from '../process/supervisor.js';
import type { IcecastFormat } from './destination-args.js';
import type { EncodeSettings } from './encode-args.js';
import type { SrtStats } from './srt-stats.js';

/** What the ingest server itself says about our stream (nginx-rtmp /stat, Icecast status-json.xsl). */
export interface IngestStatus {
  /** The server lists our stream as publishing (nginx-rtmp) or our mount as up (Icecast). */
  confirmed: boolean;
  bytesIn?: number;
  listeners?: number;
  /** ISO time of the last poll. */
  checkedAt: string;
  error?: string;
}

export type DestinationState = 'stopped' | 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface DestinationStatus {
  id: string;
  name: string;
  /** Without the key. */
  url: string;
  state: DestinationState;
  /** Bytes actually handed to ffmpeg's stdin, over the last 2 s. */
  bitrateKbps: number;
  /** kbit/s of each of the last 60 seconds, oldest first (for the bitrate graph). */
  bitrateHistory: number[];
  reconnects: number;
  lastError: string | null;
  /** Seconds since this connection went live; 0 when not live. */
  uptimeS: number;
  backlogMs: number;
  droppedGops: number;
  droppedFrames: number;
  bytesSent: number;
  pid: number | null;
  /** The program that carries this destination. */
  tool: 'ffmpeg' | 'srt-live-transmit';
  /** libsrt's link statistics (SRT through srt-live-transmit only), since the current connection. */
  srt: SrtStats | null;
  ingest: IngestStatus | null;
}

export interface DestinationOptions {
  id: string;
  name?: string;
  url: string;
  key?: string | null;
  logger: Logger;
  ffmpeg?: string;
  maxQueueMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Live, but ffmpeg's output has not grown for this long: kill it and reconnect. */
  stallTimeoutMs?: number;
  /** Not live this long after spawning (callers only, not SRT listeners): kill it and reconnect. */
  connectTimeoutMs?: number;
  /** Icecast container (default: from the mount's extension). */
  format?: IcecastFormat;
  /** A rendition to encode and send instead of the program (null or absent: the program, copied). */
  encode?: EncodeSettings | null;
  /** The program's AAC rate, for containers that take the audio encoded again (Matroska); default 96. */
  programAudioKbps?: number;
  /** nginx-rtmp's /stat or Icecast's /status-json.xsl: polled every 5 s while started (ingest status). */
  statsUrl?: string;
  /** srt-live-transmit for SRT (null: use ffmpeg, without link statistics); default: found on the PATH. */
  srtTool?: string | null;
  /** For unit tests: a fake child process and signals. */
  spawn?: SpawnFn;
  kill?: KillFn;
  now?: () => number;
}
