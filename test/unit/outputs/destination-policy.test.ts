// The destination's decisions, as pure functions: which failures are refusals (no retry), and when the
// watchdogs kill a process.
import { describe, expect, it } from 'vitest';
import type { FailureInput, WatchdogInput } from '../../../electron/core/outputs/destination-policy.js';
import {
  BackoffProbe,
  failureWords,
  judgeFailure,
  serverWasDown,
  watchdog,
} from '../../../electron/core/outputs/destination-policy.js';
import type { DestinationTarget } from '../../../electron/core/outputs/destination-args.js';

const closed = 'connection lost: the server closed it';
const failure = (over: Partial<FailureInput>): FailureInput => ({
  kind: 'rtmp',
  killReason: null,
  words: closed,
  wentLive: false,
  publishClosures: 0,
  ...over,
});

describe('judgeFailure', () => {
  it('counts RTMP closures at publish and calls the third one a rejected key', () => {
    let closures = 0;
    const verdicts = [1, 2, 3].map(() => {
      const v = judgeFailure(failure({ publishClosures: closures }));
      closures = v.publishClosures;
      return v;
    });
    expect(verdicts.map((v) => v.rejected)).toEqual([false, false, true]);
    expect(verdicts[2]!.lastError).toBe(
      'stream key rejected: the server closed the connection at publish, 3 times',
    );
  });

  it('a link that went live, a kill of ours or another protocol resets the count', () => {
    expect(judgeFailure(failure({ publishClosures: 2, wentLive: true })).publishClosures).toBe(0);
    const killed = judgeFailure(
      failure({ publishClosures: 2, killReason: 'stalled: nothing sent for 10 s' }),
    );
    expect(killed).toEqual({
      lastError: 'stalled: nothing sent for 10 s',
      publishClosures: 0,
      rejected: false,
    });
    expect(judgeFailure(failure({ publishClosures: 2, kind: 'srt' })).rejected).toBe(false);
  });

  it('a refusal in words is final', () => {
    expect(judgeFailure(failure({ words: 'SRT passphrase rejected' })).rejected).toBe(true);
  });
});

describe('failureWords', () => {
  it('srt-live-transmit silent without a connection: no answer (caller) or could not start (listener)', () => {
    expect(failureWords([], null, 'srt-live-transmit', false, false)).toBe('no answer from the SRT listener');
    expect(failureWords([], null, 'srt-live-transmit', false, true)).toBe('SRT listener could not start');
  });
});

describe('watchdog', () => {
  const base: WatchdogInput = {
    state: 'live',
    now: 100_000,
    lastGrowthAt: 95_000,
    spawnedAt: 50_000,
    attached: true,
    listener: false,
    stallTimeoutMs: 10_000,
    connectTimeoutMs: 20_000,
  };
  it('kills a live link that stopped growing, and a caller that never went live', () => {
    expect(watchdog(base)).toBeNull();
    expect(watchdog({ ...base, lastGrowthAt: 80_000 })).toBe('stalled: nothing sent for 10 s');
    expect(watchdog({ ...base, state: 'connecting' })).toBe('connection timed out after 20 s');
    expect(watchdog({ ...base, state: 'connecting', listener: true })).toBeNull();
    expect(watchdog({ ...base, state: 'reconnecting', attached: false })).toBeNull();
  });
});

describe('BackoffProbe: reconnect as soon as a server that was down answers again', () => {
  const target = { host: '127.0.0.1', port: 1935 } as DestinationTarget;
  const probeWith = (answers: boolean[]) => {
    const calls: boolean[] = [];
    const probe = new BackoffProbe(() => {
      const up = answers.shift() ?? true;
      calls.push(up);
      return Promise.resolve(up);
    });
    return { probe, calls };
  };

  it('ffmpeg’s own "connection refused" counts as seen down: a server back before the first probe is retried at once', async () => {
    const { probe } = probeWith([true]);
    probe.reset(serverWasDown('connection refused'));
    expect(await probe.answersAgain(target)).toBe(true);
  });

  it('a server that answered and refused us (or closed) must be seen down by a probe first', async () => {
    for (const words of ['stream key rejected: …', 'connection lost: the server closed it']) {
      const { probe } = probeWith([true, false, true]);
      probe.reset(serverWasDown(words));
      expect(await probe.answersAgain(target)).toBe(false); // up, never seen down: keep the backoff
      expect(await probe.answersAgain(target)).toBe(false); // down
      expect(await probe.answersAgain(target)).toBe(true); // back
    }
  });

  it('reads the words of a down server', () => {
    expect(serverWasDown('connection refused')).toBe(true);
    expect(serverWasDown('connection timed out')).toBe(true);
    expect(serverWasDown('network unreachable')).toBe(true);
    expect(serverWasDown('name not resolved')).toBe(false);
    expect(serverWasDown(null)).toBe(false);
  });
});
