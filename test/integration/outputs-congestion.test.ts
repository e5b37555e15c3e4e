// Congestion: one destination's ffmpeg is frozen (SIGSTOP) for a few seconds. It drops whole GOPs for itself
// alone, and after SIGCONT the server receives it again from a keyframe; the other destination and the
// recording do not notice. Checked on the server side (nginx /stat, a viewer's copy) and by probing files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { Recorder } from '../../electron/core/outputs/recorder.js';
import { waitFor } from '../helpers/core-process.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import { startNginxRtmp, startPuller, startTestEncoder, tempDir, videoTimeline } from '../helpers/servers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function bytesIn(statXml: string, stream: string): number {
  const m = new RegExp(`<name>${stream}</name>[\\s\\S]*?<bytes_in>(\\d+)</bytes_in>`).exec(statXml);
  return m ? Number(m[1]) : 0;
}

describe('fan-out under congestion', () => {
  it('a stalled destination drops whole GOPs, counted, for itself only, and resumes on a keyframe', async () => {
    const nginx = await startNginxRtmp();
    const logger = recordingLogger();
    const dir = tempDir('congestion');
    const recorder = new Recorder({ dir, showName: 'Congestion', logger });
    const fan = new FanOut({ logger, recorder });
    const slow = new Destination({ id: 'slow', url: nginx.rtmpUrl, key: 'slow', logger, maxQueueMs: 1500 });
    const fast = new Destination({ id: 'fast', url: nginx.rtmpUrl, key: 'fast', logger, maxQueueMs: 1500 });
    await fan.addDestination(slow);
    await fan.addDestination(fast);
    fan.startAll();
    recorder.start();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    const viewerFile = join(dir, 'viewer-slow.ts');
    let viewer: { stop(): Promise<void> } | null = null;
    try {
      await waitFor(() => slow.status().state === 'live' && fast.status().state === 'live', 15_000);
      viewer = startPuller(`${nginx.rtmpUrl}/slow`, viewerFile);
      await sleep(2500);
      const pid = slow.pid!;
      const before = await nginx.stat();
      process.kill(pid, 'SIGSTOP');
      await sleep(5000);
      const during = await nginx.stat();
      const slowDuring = slow.status();
      const fastDuring = fast.status();
      process.kill(pid, 'SIGCONT');
      // The frozen link dropped whole GOPs (30 frames each), and only it.
      console.log(
        `[outputs] stalled 5 s: dropped ${slowDuring.droppedGops} GOPs / ${slowDuring.droppedFrames} frames, backlog ${slowDuring.backlogMs} ms`,
      );
      expect(slowDuring.droppedGops).toBeGreaterThanOrEqual(1);
      expect(slowDuring.droppedFrames).toBe(slowDuring.droppedGops * 30);
      expect(slowDuring.bitrateKbps).toBe(0);
      expect(fastDuring.droppedGops).toBe(0);
      expect(fastDuring.state).toBe('live');
      expect(fastDuring.bitrateKbps).toBeGreaterThan(100);
      // Server side: the healthy stream kept coming in (≥ 200 kbit/s over the 5 s), the frozen one did not.
      expect(bytesIn(during, 'fast') - bytesIn(before, 'fast')).toBeGreaterThan((200_000 / 8) * 5);
      expect(bytesIn(during, 'slow') - bytesIn(before, 'slow')).toBeLessThan(100_000);
      // After SIGCONT the frozen link sends again, without reconnecting.
      const resumedFrom = bytesIn(await nginx.stat(), 'slow');
      await sleep(3000);
      expect(bytesIn(await nginx.stat(), 'slow') - resumedFrom).toBeGreaterThan((200_000 / 8) * 2);
      const after = slow.status();
      expect(after.state).toBe('live');
      expect(after.reconnects).toBe(0);
      expect(after.bitrateKbps).toBeGreaterThan(100);
      expect(after.backlogMs).toBeLessThan(1500);
    } finally {
      await viewer?.stop();
      await encoder.stop();
      await fan.close();
      await nginx.stop();
    }
    // What a viewer of the frozen stream got: one jump (the dropped GOPs), landing on a keyframe.
    const seen = await videoTimeline(viewerFile);
    console.log(
      `[outputs] viewer of the stalled stream: jump of ${seen.maxDtsJump.toFixed(2)} s, keyframe after it: ${seen.keyAfterJump}`,
    );
    expect(seen.maxDtsJump).toBeGreaterThan(0.9);
    expect(seen.keyAfterJump).toBe(true);
    // The recording did not notice.
    const rec = await videoTimeline(recorder.status().segments[0]!);
    expect(rec.maxGap).toBeLessThan(0.1);
  });
});
