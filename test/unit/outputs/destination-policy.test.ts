// The destination's decisions, as pure functions: which failures are refusals (no retry), and when the
// watchdogs kill a process.
import { describe, expect, it } from 'vitest';
import type { FailureInput, WatchdogInput } from '../../../electron/core/outputs/destination-policy.js';
import { failureWords, judgeFailure, watchdog } from '../../../electron/core/outputs/destination-policy.js';

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
