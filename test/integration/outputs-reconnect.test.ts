// Unhappy paths of the fan-out with real servers: nginx goes away for 10 s and comes back on the same port;
// a destination points at a closed port. The recording and the healthy destinations must not notice.
import { describe, expect, it } from 'vitest';
import type { DestinationState } from '../../electron/core/outputs/destination.js';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { Recorder } from '../../electron/core/outputs/recorder.js';
import { waitFor } from '../helpers/core-process.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import {
  codecs,
  ffprobe,
  freePort,
  startNginxRtmp,
  startTestEncoder,
  tempDir,
  videoTimeline,
} from '../helpers/servers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('fan-out unhappy paths', () => {
  it('nginx down for 10 s: the destination reconnects within 2 s of nginx being back; the recording has no gap', async () => {
    const nginx = await startNginxRtmp();
    const logger = recordingLogger();
    const recorder = new Recorder({ dir: tempDir('rec'), showName: 'Reconnect test', logger });
    const fan = new FanOut({ logger, recorder });
    const dest = new Destination({ id: 'nginx', url: nginx.rtmpUrl, key: 'reconnect', logger });
    const states: { t: number; state: DestinationState }[] = [];
    dest.on('status', (s) => {
      if (states[states.length - 1]?.state !== s.state) states.push({ t: Date.now(), state: s.state });
    });
    await fan.addDestination(dest);
    fan.startAll();
    recorder.start();
    let firstChunkAt = 0;
    const encoder = startTestEncoder((chunk) => {
      if (firstChunkAt === 0) firstChunkAt = Date.now();
      fan.push(chunk);
    });
    try {
      await waitFor(() => dest.status().state === 'live', 15_000);
      await sleep(2000);
      const downAt = Date.now();
      await nginx.stop();
      await waitFor(() => dest.status().state === 'reconnecting', 5000);
      const noticedMs = Date.now() - downAt;
      await sleep(10_000 - (Date.now() - downAt));
      await nginx.start();
      const upAt = Date.now();
      await waitFor(() => dest.status().state === 'live', 10_000, 20);
      const reconnectMs = Date.now() - upAt;
      console.log(
        `[outputs] nginx down noticed after ${noticedMs} ms; live again ${reconnectMs} ms after nginx was up`,
      );
      expect(reconnectMs).toBeLessThan(2000);
      const status = dest.status();
      expect(status.reconnects).toBeGreaterThanOrEqual(1);
      expect(status.lastError).toMatch(/^connection (lost|refused)/);
      const seen = states.map((s) => s.state);
      expect(seen.slice(seen.indexOf('reconnecting'))).toContain('live');
      // The server has the stream again.
      const back = await ffprobe(`${nginx.rtmpUrl}/reconnect`, 'stream=codec_type,codec_name');
      expect(codecs(back)).toEqual(['audio:aac', 'video:h264']);
    } finally {
      await encoder.stop();
      await fan.close();
      await nginx.stop();
    }
    const wallS = (Date.now() - firstChunkAt) / 1000;
    const rec = recorder.status();
    expect(rec.lastError).toBeNull();
    expect(rec.segments).toHaveLength(1);
    const timeline = await videoTimeline(rec.segments[0]!);
    console.log(
      `[outputs] recording: ${timeline.span.toFixed(2)} s of video for ${wallS.toFixed(2)} s of wall time, largest PTS gap ${(timeline.maxGap * 1000).toFixed(0)} ms`,
    );
    expect(timeline.firstKey).toBe(true);
    expect(timeline.maxGap).toBeLessThan(0.1);
    expect(Math.abs(timeline.span - wallS)).toBeLessThan(1);
  });

  it('a destination to a closed port retries with backoff while the recorder and a healthy destination go on', async () => {
    const nginx = await startNginxRtmp();
    const closedPort = await freePort();
    const logger = recordingLogger();
    const recorder = new Recorder({ dir: tempDir('rec'), showName: 'Closed port', logger });
    const fan = new FanOut({ logger, recorder });
    const dead = new Destination({
      id: 'dead',
      url: `rtmp://127.0.0.1:${closedPort}/live`,
      key: 'nobody',
      logger,
    });
    const good = new Destination({ id: 'good', url: nginx.rtmpUrl, key: 'healthy', logger });
    const spawns: number[] = [];
    dead.on('status', (s) => {
      if (s.pid !== null && !spawns.includes(s.pid)) spawns.push(s.pid);
    });
    const deadStates = new Set<DestinationState>();
    dead.on('status', (s) => deadStates.add(s.state));
    await fan.addDestination(dead);
    await fan.addDestination(good);
    fan.startAll();
    recorder.start();
    const startedAt = Date.now();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => good.status().state === 'live', 15_000);
      await sleep(Math.max(0, 9000 - (Date.now() - startedAt)));
      const d = dead.status();
      expect(d.state).toBe('reconnecting');
      expect(d.lastError).toBe('connection refused');
      expect(deadStates.has('live')).toBe(false);
      // Backoff 0.7, 1.4, 2.8, 5.6 s: about 4 attempts in 9 s, not dozens.
      expect(d.reconnects).toBeGreaterThanOrEqual(2);
      expect(d.reconnects).toBeLessThanOrEqual(5);
      const g = good.status();
      expect(g.state).toBe('live');
      expect(g.reconnects).toBe(0);
      expect(g.droppedGops).toBe(0);
      expect(await nginx.stat()).toContain('<name>healthy</name>');
    } finally {
      await encoder.stop();
      await fan.close();
      await nginx.stop();
    }
    const rec = recorder.status();
    const timeline = await videoTimeline(rec.segments[0]!);
    expect(timeline.maxGap).toBeLessThan(0.1);
    expect(timeline.span).toBeGreaterThan(7);
  });
});
