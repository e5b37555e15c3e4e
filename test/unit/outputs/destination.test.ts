// Destination state machine against a fake ffmpeg: "live" only once output grows, failures in words,
// reconnection fed from a keyframe with PAT + PMT, and no throw when ffmpeg's stdin is gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DestinationStatus } from '../../../electron/core/outputs/destination.js';
import { Destination } from '../../../electron/core/outputs/destination.js';
import { FanOut } from '../../../electron/core/outputs/fanout.js';
import { TS_PACKET, isKeyframeStart, packetPid } from '../../../electron/core/outputs/ts.js';
import type { KillFn } from '../../../electron/core/process/supervisor.js';
import { waitFor } from '../../helpers/core-process.js';
import { fakeSpawner } from '../../helpers/fake-child.js';
import type { FakeChild } from '../../helpers/fake-child.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/ts/testsrc-3s.ts'));
const progress = (kB: number): string =>
  `frame=  30 fps= 30 q=-1.0 size=${String(kB).padStart(8)}kB time=00:00:01.00 bitrate= 300.0kbits/s speed=   1x\r`;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function setup() {
  const fake = fakeSpawner();
  const kills: { pid: number; signal: string }[] = [];
  const kill: KillFn = (pid, signal) => kills.push({ pid, signal });
  const logger = recordingLogger();
  const dest = new Destination({
    id: 'yt',
    url: 'rtmp://127.0.0.1:1935/live',
    key: 'abcd-efgh-ijkl',
    logger,
    spawn: fake.spawn,
    kill,
    backoff: { initialMs: 30, maxMs: 60 },
  });
  const fan = new FanOut({ logger });
  void fan.addDestination(dest);
  const statuses: DestinationStatus[] = [];
  dest.on('status', (s) => statuses.push(s));
  const received = (child: FakeChild): Buffer[] => {
    const chunks: Buffer[] = [];
    child.stdin.on('data', (d: Buffer) => chunks.push(d));
    return chunks;
  };
  cleanup.push(async () => {
    const stopping = dest.stop();
    for (const c of fake.children) c.exit(null, 'SIGTERM');
    await stopping;
  });
  return { fake, dest, fan, statuses, received, kills };
}

describe('Destination', () => {
  it('is connecting until ffmpeg reports growing output, then live', async () => {
    const { fake, dest, fan, statuses, received } = setup();
    dest.start();
    const child = fake.children[0]!;
    const data = received(child);
    child.spawned();
    expect(fake.calls[0]!.args.at(-1)).toBe('rtmp://127.0.0.1:1935/live/abcd-efgh-ijkl');
    fan.push(fixture.subarray(0, 60_000));
    expect(dest.status().state).toBe('connecting');
    child.stderr.write(progress(0));
    await new Promise((r) => setTimeout(r, 10));
    expect(dest.status().state).toBe('connecting');
    child.stderr.write(progress(12));
    await waitFor(() => dest.status().state === 'live', 1000, 5);
    // The first bytes ffmpeg got: PAT, PMT, then the keyframe.
    const got = Buffer.concat(data);
    expect(packetPid(got)).toBe(0);
    expect(packetPid(got.subarray(TS_PACKET))).toBe(0x1000);
    expect(isKeyframeStart(got.subarray(2 * TS_PACKET), 0x100)).toBe(true);
    expect(statuses.map((s) => s.state)).toEqual(expect.arrayContaining(['connecting', 'live']));
    expect(JSON.stringify(statuses)).not.toContain('abcd-efgh-ijkl');
  });

  it('survives a dead stdin, says why ffmpeg failed, and resumes from a keyframe with PAT + PMT', async () => {
    const { fake, dest, fan, received } = setup();
    dest.start();
    const first = fake.children[0]!;
    first.spawned();
    fan.push(fixture.subarray(0, 50_000));
    first.stderr.write(progress(20));
    await waitFor(() => dest.status().state === 'live', 1000, 5);
    // ffmpeg dies: its stdin breaks first (EPIPE), then it exits.
    first.stdin.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(() => fan.push(fixture.subarray(50_000, 60_000))).not.toThrow();
    first.stderr.write(
      '[tcp @ 0x1] Connection to tcp://127.0.0.1:1935?tcp_nodelay=0 failed: Connection refused\n',
    );
    await new Promise((r) => setTimeout(r, 10));
    first.exit(1);
    await waitFor(() => dest.status().state === 'reconnecting', 1000, 5);
    expect(dest.status().lastError).toBe('connection refused');
    expect(() => fan.push(fixture.subarray(60_000, 80_000))).not.toThrow();
    // Backoff, then a new ffmpeg: fed from the GOP in progress, PAT + PMT first.
    await waitFor(() => fake.children.length === 2, 2000, 5);
    const second = fake.children[1]!;
    const data = received(second);
    second.spawned();
    fan.push(fixture.subarray(80_000));
    const got = Buffer.concat(data);
    expect(packetPid(got)).toBe(0);
    expect(isKeyframeStart(got.subarray(2 * TS_PACKET), 0x100)).toBe(true);
    second.stderr.write(progress(5));
    await waitFor(() => dest.status().state === 'live', 1000, 5);
    expect(dest.status().reconnects).toBe(1);
  });

  it('an invalid target is a failed destination, not an exception', () => {
    const dest = new Destination({
      id: 'bad',
      url: 'srt://host:9000',
      key: 'short',
      logger: recordingLogger(),
    });
    expect(() => dest.start()).not.toThrow();
    expect(dest.status()).toMatchObject({
      state: 'failed',
      lastError: 'an SRT passphrase has 10 to 79 characters',
    });
  });
});
