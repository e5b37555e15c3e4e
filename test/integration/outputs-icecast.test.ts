// Icecast destinations against a real Icecast2: Matroska (H.264 copied + AAC), WebM (VP8 + Opus, a 512 kbit/s
// rendition), Ogg (Theora + Vorbis) and an audio-only Ogg mount, each pulled back from the server with ffprobe;
// the status page confirms the mounts; a wrong password is reported in words and never logged.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redact } from '../../electron/core/log/redact.js';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { waitFor } from '../helpers/core-process.js';
import { startIcecast } from '../helpers/icecast.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import { codecs, ffprobe, startTestEncoder } from '../helpers/servers.js';

const run = promisify(execFile);

describe('Icecast destinations', () => {
  it('Matroska, WebM, Ogg and audio-only mounts play back with the expected tracks', async () => {
    const ice = await startIcecast();
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const common = { key: ice.password, logger, statsUrl: ice.statusUrl };
    const mkv = new Destination({ id: 'mkv', url: ice.url('/program.mkv'), ...common });
    const webm = new Destination({
      id: 'webm',
      url: ice.url('/faimaison.webm'),
      encode: { height: 144, videoKbps: 400, audioKbps: 64, audioOnly: false, fps: 15 },
      ...common,
    });
    const ogg = new Destination({ id: 'ogg', url: ice.url('/program.ogg'), ...common });
    const audio = new Destination({
      id: 'audio',
      url: ice.url('/audio.ogg'),
      encode: { audioKbps: 64, audioOnly: true },
      ...common,
    });
    const all = [mkv, webm, ogg, audio];
    for (const d of all) await fan.addDestination(d);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => all.every((d) => d.status().state === 'live'), 30_000);
      const expected: [string, string[]][] = [
        ['/program.mkv', ['audio:aac', 'video:h264']],
        ['/faimaison.webm', ['audio:opus', 'video:vp8']],
        ['/program.ogg', ['audio:vorbis', 'video:theora']],
        ['/audio.ogg', ['audio:vorbis']],
      ];
      for (const [mount, tracks] of expected) {
        const probe = await ffprobe(ice.listenUrl(mount), 'stream=codec_type,codec_name', [], 20_000);
        expect(codecs(probe), mount).toEqual(tracks);
      }
      // The 512 kbit/s rendition: 144 lines high.
      const { stdout } = await run(
        'ffprobe',
        [
          ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=height', '-of', 'csv=p=0'],
          ice.listenUrl('/faimaison.webm'),
        ],
        { timeout: 20_000 },
      );
      expect(stdout.trim()).toBe('144');
      await waitFor(() => all.every((d) => d.status().ingest?.confirmed === true), 15_000);
      expect(mkv.status().url).toBe(`icecast://source@127.0.0.1:${ice.port}/program.mkv`);
      for (const d of all) expect(JSON.stringify(d.status())).not.toContain(ice.password);
    } finally {
      await encoder.stop();
      await fan.close();
      await ice.stop();
    }
    expect(redact(JSON.stringify(logger.lines))).not.toContain(ice.password);
  });

  it('a wrong Icecast password is reported in words and not retried', async () => {
    const ice = await startIcecast();
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const dest = new Destination({ id: 'bad', url: ice.url('/x.mkv'), key: 'not-the-password', logger });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => dest.status().lastError !== null, 20_000);
      expect(dest.status()).toMatchObject({ state: 'failed', lastError: 'Icecast password rejected' });
    } finally {
      await encoder.stop();
      await fan.close();
      await ice.stop();
    }
  });
});
