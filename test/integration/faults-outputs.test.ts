// Fault injection on the outputs, against real servers. For each fault: time to detect (the destination
// leaves "live" or reports the error), time to recover (live again after the server is back), and the frames
// missing from the local recording, which must be 0. Rows are printed as "[faults] | … |" for BENCHMARKS.md.
import { describe, expect, it } from 'vitest';
import { redact } from '../../electron/core/log/redact.js';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { Recorder } from '../../electron/core/outputs/recorder.js';
import { waitFor } from '../helpers/core-process.js';
import { lostFrames, report, startBlackHole, startStatusServer } from '../helpers/faults.js';
import { startIcecast } from '../helpers/icecast.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import type { TestEncoder } from '../helpers/servers.js';
import { startNginxRtmp, startSrtListener, startTestEncoder, tempDir } from '../helpers/servers.js';
import { startUdpRelay } from '../helpers/udp-relay.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fan-out with a recorder and the test encoder; close() stops it all and returns the recording's losses. */
async function rig(dests: Destination[]): Promise<{ close(): Promise<number>; encoder: TestEncoder }> {
  const logger = recordingLogger();
  const recorder = new Recorder({ dir: tempDir('faults'), showName: 'Faults', logger });
  const fan = new FanOut({ logger, recorder });
  for (const d of dests) await fan.addDestination(d);
  fan.startAll();
  recorder.start();
  const encoder = startTestEncoder((chunk) => fan.push(chunk));
  return {
    encoder,
    close: async () => {
      await encoder.stop();
      await fan.close();
      const st = recorder.status();
      expect(st.lastError).toBeNull();
      let lost = 0;
      for (const seg of st.segments) lost += await lostFrames(seg);
      return lost;
    },
  };
}

/** Stop a server while live, wait `downMs`, start it again: detect and recover times. */
async function downUp(
  dest: Destination,
  stop: () => Promise<void>,
  start: () => Promise<void>,
  downMs = 6000,
): Promise<{ detectMs: number; recoverMs: number }> {
  await waitFor(() => dest.status().state === 'live', 20_000);
  await sleep(1500);
  const downAt = Date.now();
  await stop();
  await waitFor(() => dest.status().state !== 'live', 20_000, 20);
  const detectMs = Date.now() - downAt;
  await sleep(Math.max(0, downMs - (Date.now() - downAt)));
  await start();
  const upAt = Date.now();
  await waitFor(() => dest.status().state === 'live', 25_000, 20);
  return { detectMs, recoverMs: Date.now() - upAt };
}

describe('fault injection on the outputs', () => {
  it('nginx-rtmp stopped and restarted', async () => {
    const nginx = await startNginxRtmp();
    const dest = new Destination({
      id: 'rtmp',
      url: nginx.rtmpUrl,
      key: 'faults',
      logger: recordingLogger(),
    });
    const r = await rig([dest]);
    let times = { detectMs: 0, recoverMs: 0 };
    try {
      times = await downUp(
        dest,
        () => nginx.stop(),
        () => nginx.start(),
      );
    } finally {
      const lost = await r.close();
      await nginx.stop();
      report({
        fault: 'nginx-rtmp stopped 6 s, restarted',
        ...times,
        recordingLost: lost,
        note: dest.status().lastError ?? '',
      });
      expect(lost).toBe(0);
    }
    // Live again within 2 s of nginx being up (the program path's requirement). It took 6.2-6.5 s until
    // 2026-12-07: when nginx came back before the first TCP probe of the backoff, the probe never saw it
    // down and the retry waited for the backoff delay; ffmpeg's own "connection refused" now counts.
    expect(times.recoverMs).toBeLessThan(2000);
  });

  it('SRT listener killed and restarted', async () => {
    const srt = await startSrtListener();
    const dest = new Destination({ id: 'srt', url: srt.callerUrl, logger: recordingLogger() });
    const r = await rig([dest]);
    let times = { detectMs: 0, recoverMs: 0 };
    try {
      times = await downUp(
        dest,
        () => srt.stop(),
        () => srt.start(),
      );
    } finally {
      const lost = await r.close();
      await srt.stop();
      report({
        fault: 'SRT listener killed 6 s, restarted',
        ...times,
        recordingLost: lost,
        note: dest.status().lastError ?? '',
      });
      expect(lost).toBe(0);
    }
    // libsrt notices a silent peer after its 5 s peer-idle timeout; the caller then retries with backoff.
    expect(times.detectMs).toBeLessThan(10_000);
    expect(times.recoverMs).toBeLessThan(12_000);
  });

  it('Icecast restarted', async () => {
    const ice = await startIcecast();
    const dest = new Destination({
      id: 'ice',
      url: ice.url('/faults.mkv'),
      key: ice.password,
      logger: recordingLogger(),
    });
    const r = await rig([dest]);
    let times = { detectMs: 0, recoverMs: 0 };
    try {
      times = await downUp(
        dest,
        () => ice.stop(),
        () => ice.start(),
      );
    } finally {
      const lost = await r.close();
      await ice.stop();
      report({
        fault: 'Icecast stopped 6 s, restarted',
        ...times,
        recordingLost: lost,
        note: dest.status().lastError ?? '',
      });
      expect(lost).toBe(0);
    }
    expect(times.recoverMs).toBeLessThan(3000);
  });

  it('a stream key rejected by nginx-rtmp (on_publish 403): failed, "rejected", no retry storm', async () => {
    const auth = await startStatusServer(403);
    const nginx = await startNginxRtmp({ onPublish: auth.url });
    const rlog = recordingLogger();
    const dest = new Destination({
      id: 'rejected',
      url: nginx.rtmpUrl,
      key: 'bad-key-123',
      logger: rlog,
    });
    const r = await rig([dest]);
    const startedAt = Date.now();
    let detectMs: number | null = null;
    try {
      await waitFor(() => dest.status().state === 'failed', 20_000, 20);
      detectMs = Date.now() - startedAt;
      const attempts = auth.requests();
      await sleep(8000);
      // A few attempts (backoff 0.7, 1.4, 2.8 s), then none: no retry storm.
      expect(attempts).toBeLessThanOrEqual(4);
      expect(auth.requests()).toBe(attempts);
      expect(dest.status().state).toBe('failed');
      expect(dest.status().lastError).toMatch(/^stream key rejected/);
      expect(JSON.stringify(rlog.lines.map((l) => redact(l.msg)))).not.toContain('bad-key-123');
    } finally {
      const lost = await r.close();
      await nginx.stop();
      report({
        fault: 'stream key rejected (on_publish 403)',
        detectMs,
        recoverMs: null,
        recordingLost: lost,
        note: `failed: "${dest.status().lastError}"; ${auth.requests()} publish attempts, none after`,
      });
      expect(lost).toBe(0);
    }
  });

  it('a black-holed destination (accepts TCP, never reads): its own GOPs drop; the others and the recording go on', async () => {
    const hole = await startBlackHole();
    const nginx = await startNginxRtmp();
    const dead = new Destination({
      id: 'hole',
      url: `rtmp://127.0.0.1:${hole.port}/live`,
      key: 'void-key',
      logger: recordingLogger(),
      maxQueueMs: 2000,
    });
    const good = new Destination({
      id: 'good',
      url: nginx.rtmpUrl,
      key: 'healthy',
      logger: recordingLogger(),
    });
    const r = await rig([dead, good]);
    const startedAt = Date.now();
    let detectMs: number | null = null;
    let holeBacklog = 0;
    try {
      await waitFor(() => good.status().state === 'live', 20_000);
      await waitFor(() => dead.status().droppedGops > 0, 20_000, 20);
      detectMs = Date.now() - startedAt;
      await sleep(3000);
      const d = dead.status();
      expect(d.state).not.toBe('live');
      expect(d.droppedFrames).toBeGreaterThanOrEqual(30);
      // Bounded: the queue keeps the GOP being written and the newest one, never more than that.
      expect(d.backlogMs).toBeLessThan(6000);
      holeBacklog = d.backlogMs;
      const g = good.status();
      expect(g).toMatchObject({ state: 'live', droppedGops: 0, reconnects: 0 });
      expect(g.bitrateKbps).toBeGreaterThan(100);
      expect(hole.connections()).toBeGreaterThanOrEqual(1);
    } finally {
      const lost = await r.close();
      await nginx.stop();
      report({
        fault: 'black-holed TCP destination',
        detectMs,
        recoverMs: null,
        recordingLost: lost,
        note: `${dead.status().droppedGops} GOPs dropped for it alone, backlog ${holeBacklog} ms; other destination 0`,
      });
      expect(lost).toBe(0);
    }
  });

  it('SRT through a relay losing 10 % of datagrams: loss and retransmissions visible in health', async () => {
    const srt = await startSrtListener();
    const relay = await startUdpRelay(srt.port, 10);
    const dest = new Destination({
      id: 'lossy',
      url: `srt://127.0.0.1:${relay.port}?mode=caller&latency=400`,
      logger: recordingLogger(),
    });
    const r = await rig([dest]);
    const startedAt = Date.now();
    let detectMs: number | null = null;
    try {
      await waitFor(() => (dest.status().srt?.packetsRetransmitted ?? 0) > 0, 20_000, 20);
      detectMs = Date.now() - startedAt;
      await sleep(3000);
      const s = dest.status();
      expect(s.state).toBe('live');
      expect(s.srt?.packetsLost).toBeGreaterThan(0);
    } finally {
      const lost = await r.close();
      await relay.stop();
      await srt.stop();
      const s = dest.status().srt;
      report({
        fault: 'SRT, 10 % UDP loss (relay)',
        detectMs,
        recoverMs: null,
        recordingLost: lost,
        note: `stays live; lost ${s?.packetsLost ?? 0}, retransmitted ${s?.packetsRetransmitted ?? 0} of ${s?.packetsSent ?? 0} packets, RTT ${s?.rttMs ?? 0} ms`,
      });
      expect(lost).toBe(0);
    }
  });
});
