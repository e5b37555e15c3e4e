// Ingest-side confirmation: the destination polls nginx-rtmp's /stat and reports what the server says
// (our stream publishing, bytes in), and says so when the server is gone.
import { describe, expect, it } from 'vitest';
import { Destination } from '../../electron/core/outputs/destination.js';
import { FanOut } from '../../electron/core/outputs/fanout.js';
import { waitFor } from '../helpers/core-process.js';
import { recordingLogger } from '../helpers/quiet-logger.js';
import { startNginxRtmp, startTestEncoder } from '../helpers/servers.js';

describe('ingest confirmation', () => {
  it('nginx-rtmp /stat confirms our stream and its bytes; a stopped server is reported', async () => {
    const nginx = await startNginxRtmp();
    const logger = recordingLogger();
    const fan = new FanOut({ logger });
    const dest = new Destination({
      id: 'sstic',
      url: nginx.rtmpUrl,
      key: 'confirm-me',
      statsUrl: nginx.statUrl,
      logger,
    });
    const other = new Destination({
      id: 'other',
      url: nginx.rtmpUrl,
      key: 'not-ours',
      statsUrl: nginx.statUrl,
      logger,
    });
    await fan.addDestination(dest);
    fan.startAll();
    const encoder = startTestEncoder((chunk) => fan.push(chunk));
    try {
      await waitFor(() => dest.status().ingest?.confirmed === true, 20_000);
      const first = dest.status().ingest!;
      await waitFor(() => (dest.status().ingest?.bytesIn ?? 0) > (first.bytesIn ?? 0), 12_000);
      expect(dest.status().ingest?.bytesIn).toBeGreaterThan(20_000);
      expect(dest.status().ingest?.error).toBeUndefined();
      // A destination whose stream is not on the server is not confirmed.
      other.start();
      await waitFor(() => other.status().ingest !== null, 10_000);
      expect(other.status().ingest).toMatchObject({
        confirmed: false,
        error: 'the server does not list live/<stream>',
      });
      await fan.addDestination(other);
      await waitFor(() => other.status().ingest?.confirmed === true, 20_000);
      await nginx.stop();
      await waitFor(() => dest.status().ingest?.confirmed === false, 15_000);
      expect(dest.status().ingest?.error).toBe('stats page unreachable');
    } finally {
      await encoder.stop();
      await fan.close();
      await nginx.stop();
    }
  });
});
