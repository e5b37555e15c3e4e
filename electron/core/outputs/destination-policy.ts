// When a destination gives up, kills or retries early: the failure in words, refusals that no retry can fix
// (failed until started again), the stall and connect watchdogs, and the TCP probe that cuts a backoff short
// once the server answers again. The supervisor owns the backoff delays themselves.
import type { DestinationTarget } from './destination-args.js';
import type { Driver } from './destination-driver.js';
import type { DestinationState } from './destination-types.js';
import { describeFailure } from './ffmpeg-errors.js';
import { SRT_REJECTED } from './srt-tool.js';
import { tcpReachable } from './tcp-probe.js';

/** Why the process ended, from its last stderr lines (and the supervisor's own error). */
export function failureWords(
  lines: string[],
  supervisorError: string | null,
  tool: Driver['tool'] | undefined,
  connected: boolean,
  listener: boolean,
): string {
  const words = describeFailure(lines, supervisorError);
  // srt-live-transmit says nothing when a caller gets no answer: it gives up after libsrt's 3 s.
  if (tool === 'srt-live-transmit' && !connected && !lines.some((l) => SRT_REJECTED.test(l)))
    return listener ? 'SRT listener could not start' : 'no answer from the SRT listener';
  return words;
}

export interface FailureInput {
  kind: DestinationTarget['kind'] | undefined;
  /** Set when we killed the process ourselves (watchdog, SRT rejection): the reason wins. */
  killReason: string | null;
  words: string;
  wentLive: boolean;
  /** Consecutive closures at publish so far. */
  publishClosures: number;
}

export interface FailureVerdict {
  lastError: string;
  publishClosures: number;
  /** The server refuses our credentials: retrying cannot help until the operator fixes them. */
  rejected: boolean;
}

export function judgeFailure(input: FailureInput): FailureVerdict {
  let lastError = input.killReason ?? input.words;
  // nginx-rtmp refusing a key (on_publish, allow/deny) just closes the connection after the handshake:
  // ffmpeg only says "Input/output error". The same, before any byte went out, several times in a row
  // while the server answers, is a refusal, not a network problem.
  const closedAtPublish =
    input.kind === 'rtmp' &&
    input.killReason === null &&
    !input.wentLive &&
    lastError === 'connection lost: the server closed it';
  const publishClosures = closedAtPublish ? input.publishClosures + 1 : 0;
  if (publishClosures >= 3)
    lastError = 'stream key rejected: the server closed the connection at publish, 3 times';
  return { lastError, publishClosures, rejected: /rejected/.test(lastError) };
}

export interface WatchdogInput {
  state: DestinationState;
  now: number;
  lastGrowthAt: number;
  spawnedAt: number;
  /** A process is running and being fed. */
  attached: boolean;
  /** SRT listeners wait for their caller: no connect timeout. */
  listener: boolean;
  stallTimeoutMs: number;
  connectTimeoutMs: number;
}

/** A reason to kill the process (and reconnect), or null. */
export function watchdog(w: WatchdogInput): string | null {
  if (w.state === 'live' && w.now - w.lastGrowthAt > w.stallTimeoutMs)
    return `stalled: nothing sent for ${Math.round(w.stallTimeoutMs / 1000)} s`;
  if (w.state !== 'live' && w.attached && !w.listener && w.now - w.spawnedAt > w.connectTimeoutMs)
    return `connection timed out after ${Math.round(w.connectTimeoutMs / 1000)} s`;
  return null;
}

/** Failures in which ffmpeg itself found the server down (not a server that answered and refused us). */
const SERVER_DOWN = /^(connection refused|connection timed out|network unreachable)/;

/** Whether a failure's words say that the server could not be reached at all. */
export function serverWasDown(lastError: string | null): boolean {
  return lastError !== null && SERVER_DOWN.test(lastError);
}

/**
 * While backing off, every tick: once the server has been found down (by ffmpeg's own failed connection,
 * or by a TCP probe during the backoff), retry as soon as it answers again instead of at the end of the
 * backoff delay. A server that answers TCP but refuses us (bad key) never looks down, so it keeps the
 * normal backoff. Counting ffmpeg's "connection refused" matters: a server that comes back within the
 * first tick after that failure was never seen down by the probe, and the retry waited for the whole
 * backoff (5.6 s measured, where the probe reconnects within half a second).
 */
export class BackoffProbe {
  private probing = false;
  private sawDown = false;
  private readonly reachable: (host: string, port: number, timeoutMs: number) => Promise<boolean>;

  constructor(reachable = tcpReachable) {
    this.reachable = reachable;
  }

  /** A new failure: whether it already showed the server down (see serverWasDown). */
  reset(serverDown = false): void {
    this.sawDown = serverDown;
  }

  /** Whether the server, seen down during this backoff, answers again (false while a probe runs). */
  async answersAgain(target: DestinationTarget): Promise<boolean> {
    if (this.probing) return false;
    this.probing = true;
    const up = await this.reachable(target.host, target.port, 1000);
    this.probing = false;
    if (!up) this.sawDown = true;
    return up && this.sawDown;
  }
}
