// The fan-out against real ingest servers, checked from the server side: what nginx-rtmp serves back and
// lists on /stat, and what the SRT listener received.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { waitFor } from '../helpers/core-process.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import {
  NGINX_STREAM_MODULE,
  codecs,
  ffprobe,
  startNginxRtmp,
  startSrtListener,
  startTestEncoder,
} from '../helpers/servers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('fan-out to real servers', () => {
  it('pushes RTMP to nginx-rtmp: H.264 + AAC come back, /stat lists the stream, the key stays secret', async () => {
    const nginx = await startNginxRtmp();
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const key = 'sstic-key-8f3a2c';
    const dest = new Destination({ id: 'nginx', url: nginx.rtmpUrl, key, logger });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => dest.status().state === 'live', 15_000);
      const probe = await ffprobe(`${nginx.rtmpUrl}/${key}`, 'stream=codec_type,codec_name');
      expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
      const stat = await nginx.stat();
      expect(stat).toContain(`<name>${key}</name>`);
      expect(stat).toMatch(/<publishing\/>/);
      await waitFor(() => dest.status().bitrateKbps > 100, 5000);
      const status = dest.status();
      expect(status.url).toBe(`${nginx.rtmpUrl}/<key>`);
      expect(JSON.stringify(status)).not.toContain(key);
      expect(status.reconnects).toBe(0);
      expect(status.droppedGops).toBe(0);
    } finally {
      await encoder.stop();
      await fan.close();
      await nginx.stop();
    }
  });

  it.skipIf(!existsSync(NGINX_STREAM_MODULE))(
    'pushes RTMPS: TLS (self-signed, terminated by nginx) carries the stream to nginx-rtmp',
    async () => {
      const nginx = await startNginxRtmp({ tls: true });
      const logger = recordingLogger();
      const fan = new FanOut({ logger });
      const key = 'rtmps-key-51c9';
      const url = nginx.rtmpsUrl ?? '';
      expect(url).toMatch(/^rtmps:\/\/127\.0\.0\.1:\d+\/live$/);
      const dest = new Destination({ id: 'tls', url, key, logger });
      await fan.addDestination(dest);
      fan.startAll();
      const encoder = startTestEncoder((chunk) => fan.push(chunk));
      try {
        await waitFor(() => dest.status().state === 'live', 15_000);
        // nginx-rtmp only listens in the clear: the stream reached it through the TLS port
        const probe = await ffprobe(`${nginx.rtmpUrl}/${key}`, 'stream=codec_type,codec_name');
        expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
        expect(await nginx.stat()).toContain(`<name>${key}</name>`);
        expect(dest.status().url).toBe(`${url}/<key>`);
        expect(JSON.stringify(dest.status())).not.toContain(key);
      } finally {
        await encoder.stop();
        await fan.close();
        await nginx.stop();
      }
    },
  );

  it('pushes SRT (caller) to a listener: the received MPEG-TS holds H.264 + AAC', async () => {
    const srt = await startSrtListener();
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const dest = new Destination({ id: 'srt', url: srt.callerUrl, logger });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => dest.status().state === 'live', 15_000);
      await sleep(3000);
      const probe = await ffprobe(srt.file, 'stream=codec_type,codec_name:packet=pts_time,flags', [
        '-select_streams',
        'v',
      ]);
      expect(codecs(probe)).toEqual(['video:h264']);
      const all = await ffprobe(srt.file, 'stream=codec_type,codec_name');
      expect(codecs(all)).toEqual(['audio:aac', 'video:h264']);
      // At least ~2 s of video arrived, starting on a keyframe.
      expect(probe.packets.length).toBeGreaterThan(60);
      expect(probe.packets[0]?.flags).toMatch(/^K/);
    } finally {
      await encoder.stop();
      await fan.close();
      await srt.stop();
    }
  });

  it('SRT with a passphrase: the right one goes live, a wrong one fails in words, without retrying', async () => {
    const passphrase = 'correct-horse-battery';
    const srt = await startSrtListener({ passphrase });
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const right = new Destination({ id: 'right', url: srt.callerUrl, key: passphrase, logger });
    const wrong = new Destination({
      id: 'wrong',
      url: srt.callerUrl,
      key: 'passphrase=not-the-right-one',
      logger,
    });
    await fan.addDestination(wrong);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => wrong.status().lastError !== null, 15_000);
      expect(wrong.status()).toMatchObject({ state: 'failed', lastError: 'SRT passphrase rejected' });
      expect(JSON.stringify(wrong.status())).not.toContain('not-the-right-one');
      await fan.removeDestination('wrong');
      await fan.addDestination(right);
      await waitFor(() => right.status().state === 'live', 15_000);
      await sleep(1500);
      const probe = await ffprobe(srt.file, 'stream=codec_type,codec_name');
      expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
    } finally {
      await encoder.stop();
      await fan.close();
      await srt.stop();
    }
  });
});
