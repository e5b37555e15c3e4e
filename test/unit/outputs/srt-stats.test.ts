// libsrt statistics as srt-live-transmit 1.5.1 prints them (fixture captured from a real run), the
// SRT tool's arguments and latency units, and the per-second bitrate history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../electron/core/outputs/rate-meter.js';
import {
  accumulateSrtStats,
  parseSrtStatsLine,
  statsEveryPackets,
} from '../../../electron/core/outputs/srt-stats.js';
import { latencyMs, srtFfmpegUrl, srtToolArgs, srtToolUrl } from '../../../electron/core/outputs/srt-tool.js';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/srt/stats-json.txt'), 'utf8');

describe('SRT statistics', () => {
  it('parses the JSON lines and adds the interval counters up', () => {
    const samples = fixture.split('\n').map(parseSrtStatsLine);
    const valid = samples.filter((s) => s !== null);
    expect(valid).toHaveLength(2);
    let stats = null;
    for (const s of valid) stats = accumulateSrtStats(stats, s);
    expect(stats).toMatchObject({ packetsSent: 190, packetsLost: 0, lossPct: 0, rttMs: 0.09 });
    expect(stats?.bandwidthMbps).toBeCloseTo(11.64, 1);
    expect(parseSrtStatsLine('Accepted SRT target connection')).toBeNull();
    expect(parseSrtStatsLine('{"sid":1')).toBeNull();
  });

  it('computes loss and retransmission shares of the report', () => {
    const line = JSON.stringify({
      time: 1,
      link: { rtt: 12.5, bandwidth: 4 },
      send: {
        packets: 200,
        packetsLost: 10,
        packetsRetransmitted: 16,
        packetsDropped: 1,
        bytes: 1,
        msBuf: 30,
        mbitRate: 2,
      },
    });
    const s = accumulateSrtStats(null, parseSrtStatsLine(line)!);
    expect(s).toMatchObject({ lossPct: 5, retransPct: 8, rttMs: 12.5, sendBufMs: 30, packetsDropped: 1 });
  });

  it('reports about once a second whatever the rate', () => {
    expect(statsEveryPackets(null)).toBe(100);
    expect(statsEveryPackets(4000)).toBe(380);
    expect(statsEveryPackets(64)).toBe(6);
    expect(statsEveryPackets(100_000)).toBe(1000);
  });

  it('gives each tool its latency unit and reads TS in SRT-sized chunks', () => {
    expect(latencyMs('srt://h:1?latency=200')).toBe(200);
    expect(latencyMs('srt://h:1?latency=200000')).toBe(200);
    expect(latencyMs('srt://h:1')).toBeNull();
    expect(srtToolUrl('srt://h:1?mode=caller&latency=120000')).toBe('srt://h:1?mode=caller&latency=120');
    expect(srtFfmpegUrl('srt://h:1?latency=120&streamid=a')).toBe('srt://h:1?latency=120000&streamid=a');
    const args = srtToolArgs('srt://h:1?latency=300', 50);
    expect(args).toContain('-chunk:1316');
    expect(args).toContain('-stats-report-frequency:50');
    expect(args.slice(-2)).toEqual(['file://con', 'srt://h:1?latency=300']);
  });
});

describe('RateMeter', () => {
  it('keeps one value per second for 60 s and the rate over the window', () => {
    let t = 1000;
    const m = new RateMeter(() => t);
    for (let s = 0; s < 70; s++) {
      for (let k = 0; k < 10; k++) {
        t += 100;
        m.add(12_500); // 10 × 12.5 kB a second = 1 Mbit/s
      }
    }
    expect(m.kbps()).toBe(1000);
    const h = m.historyKbps();
    expect(h).toHaveLength(60);
    expect(h.every((v) => v === 1000)).toBe(true);
    t += 5000;
    expect(m.kbps()).toBe(0);
    expect(m.historyKbps().slice(-3)).toEqual([0, 0, 0]);
  });
});
