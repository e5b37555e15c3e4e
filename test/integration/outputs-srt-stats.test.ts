// SRT through srt-live-transmit: libsrt's own link statistics (RTT, loss, retransmissions, bandwidth) in the
// destination's status, caller and listener modes, latency, passphrase and streamid. Loss is real: a UDP
// relay drops datagrams between our caller and the listener. What arrived is checked with ffprobe.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact } from '../../electron/core/log/redact.js';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { waitFor } from '../helpers/core-process.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import {
  codecs,
  ffprobe,
  freePort,
  startSrtCaller,
  startSrtListener,
  startTestEncoder,
  tempDir,
} from '../helpers/servers.js';
import { startUdpRelay } from '../helpers/udp-relay.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SRT statistics from libsrt', () => {
  it('a caller through a relay dropping 5 % of datagrams: loss and retransmissions show, the stream arrives', async () => {
    const srt = await startSrtListener();
    const relay = await startUdpRelay(srt.port, 5);
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const dest = new Destination({
      id: 'lossy',
      url: `srt://127.0.0.1:${relay.port}?mode=caller&latency=300&streamid=regie/program`,
      logger,
    });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk), { bitrateKbps: 800 });
    try {
      await waitFor(() => dest.status().state === 'live', 15_000);
      await waitFor(() => (dest.status().srt?.packetsRetransmitted ?? 0) > 5, 15_000);
      await sleep(2000);
      // The totals grow with each report of srt-live-transmit (every few hundred packets at this rate).
      await waitFor(() => (dest.status().srt?.packetsSent ?? 0) > 200, 15_000);
      const st = dest.status();
      console.log(
        `[outputs] SRT via 5 % loss relay: ${JSON.stringify(st.srt)}; relay dropped ${relay.dropped}`,
      );
      expect(st.tool).toBe('srt-live-transmit');
      expect(st.srt).not.toBeNull();
      const s = st.srt!;
      expect(s.packetsSent).toBeGreaterThan(200);
      expect(s.packetsLost).toBeGreaterThan(0);
      expect(s.packetsRetransmitted).toBeGreaterThan(0);
      // About 5 % of the data (and of the acks) went missing: retransmissions are a few % of the packets.
      const retransShare = (s.packetsRetransmitted / s.packetsSent) * 100;
      expect(retransShare).toBeGreaterThan(1);
      expect(retransShare).toBeLessThan(40);
      expect(s.rttMs).toBeGreaterThan(0);
      expect(s.bandwidthMbps).toBeGreaterThan(0);
      expect(st.state).toBe('live');
      expect(st.bitrateHistory.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...st.bitrateHistory)).toBeGreaterThan(300);
      const probe = await ffprobe(srt.file, 'stream=codec_type,codec_name');
      expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
    } finally {
      await encoder.stop();
      await fan.close();
      await relay.stop();
      await srt.stop();
    }
  });

  it('listener mode with a passphrase: a caller pulls the program; the passphrase never reaches a log', async () => {
    const port = await freePort('udp');
    const passphrase = 'radio-france-secret-42';
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const dest = new Destination({
      id: 'listen',
      url: `srt://:${port}?mode=listener&latency=200`,
      key: passphrase,
      logger,
    });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    const file = join(tempDir('srt-pull'), 'pulled.ts');
    const viewer = startSrtCaller(`srt://127.0.0.1:${port}?mode=caller&passphrase=${passphrase}`, file);
    try {
      await waitFor(() => dest.status().state === 'live', 15_000);
      await waitFor(() => (dest.status().srt?.packetsSent ?? 0) > 50, 10_000);
      await sleep(2000);
      const probe = await ffprobe(file, 'stream=codec_type,codec_name');
      expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
      expect(dest.status().srt?.rttMs).toBeGreaterThanOrEqual(0);
    } finally {
      await viewer.stop();
      await encoder.stop();
      await fan.close();
    }
    // The real logger passes every line through redact(); the destination registered the passphrase with it.
    const logged = redact(JSON.stringify(logger.lines));
    expect(logged).toContain(`srt://:${port}`);
    expect(logged).toContain('Accepted SRT target connection');
    expect(logged).not.toContain(passphrase);
    expect(JSON.stringify(dest.status())).not.toContain(passphrase);
  });

  it('a caller with no listener: "no answer" in words, retried with backoff', async () => {
    const port = await freePort('udp');
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const dest = new Destination({ id: 'nobody', url: `srt://127.0.0.1:${port}?mode=caller`, logger });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => dest.status().lastError !== null, 15_000);
      expect(dest.status()).toMatchObject({
        state: 'reconnecting',
        lastError: 'no answer from the SRT listener',
        srt: null,
      });
    } finally {
      await encoder.stop();
      await fan.close();
    }
  });
});
