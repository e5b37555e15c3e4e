// The public shape of a destination: its options and the status it reports (Health, in ARCHITECTURE.md).
import type { Logger } from '../log/logger.js';
import type { BackoffOptions, KillFn, SpawnFn } from '../process/supervisor.js';

export type DestinationState = 'stopped' | 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface DestinationStatus {
  id: string;
  name: string;
  /** Without the key. */
  url: string;
  state: DestinationState;
  /** Bytes actually handed to ffmpeg's stdin, over the last 2 s. */
  bitrateKbps: number;
  reconnects: number;
  lastError: string | null;
  /** Seconds since this connection went live; 0 when not live. */
  uptimeS: number;
  backlogMs: number;
  droppedGops: number;
  droppedFrames: number;
  bytesSent: number;
  pid: number | null;
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
  /** For unit tests: a fake child process and signals. */
  spawn?: SpawnFn;
  kill?: KillFn;
  now?: () => number;
}
