// libsrt's own statistics, as srt-live-transmit prints them with `-pf json -s <packets>`: one JSON object per
// line, each covering the packets since the previous report (interval counters). Pure; tested on real output.
import type { Readable } from 'node:stream';
import { z } from 'zod';

const num = z.number().catch(0);
const StatsLineSchema = z.object({
  time: num,
  link: z.object({ rtt: num, bandwidth: num }),
  send: z.object({
    packets: num,
    packetsLost: num,
    packetsRetransmitted: num,
    packetsDropped: num,
    bytes: num,
    msBuf: num,
    mbitRate: num,
  }),
});

/** What the operator sees for an SRT link (the latest report; totals since the connection started). */
export interface SrtStats {
  rttMs: number;
  /** Packets reported lost by the receiver, in % of the packets sent in the last report. */
  lossPct: number;
  /** Packets sent again, in % of the packets sent in the last report. */
  retransPct: number;
  /** libsrt's estimate of the link's capacity. */
  bandwidthMbps: number;
  /** Media waiting in libsrt's send buffer (not yet acknowledged). */
  sendBufMs: number;
  sendMbps: number;
  packetsSent: number;
  packetsLost: number;
  packetsRetransmitted: number;
  /** Packets libsrt gave up on (too late for the latency window): what the viewer lost. */
  packetsDropped: number;
}

export type SrtSample = z.infer<typeof StatsLineSchema>;

/** One stats line, or null when the line is something else (a log line, a partial write). */
export function parseSrtStatsLine(line: string): SrtSample | null {
  const text = line.trim().replace(/,$/, '');
  if (!text.startsWith('{')) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = StatsLineSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Folds a report into the running stats (totals add up; rates are those of the latest report). */
export function accumulateSrtStats(prev: SrtStats | null, s: SrtSample): SrtStats {
  const pct = (n: number): number => (s.send.packets > 0 ? round((n / s.send.packets) * 100, 2) : 0);
  return {
    rttMs: round(s.link.rtt, 2),
    lossPct: pct(s.send.packetsLost),
    retransPct: pct(s.send.packetsRetransmitted),
    bandwidthMbps: round(s.link.bandwidth, 2),
    sendBufMs: Math.round(s.send.msBuf),
    sendMbps: round(s.send.mbitRate, 3),
    packetsSent: (prev?.packetsSent ?? 0) + s.send.packets,
    packetsLost: (prev?.packetsLost ?? 0) + s.send.packetsLost,
    packetsRetransmitted: (prev?.packetsRetransmitted ?? 0) + s.send.packetsRetransmitted,
    packetsDropped: (prev?.packetsDropped ?? 0) + s.send.packetsDropped,
  };
}

/** Packets between two reports for about one report a second at the stream's rate (SRT payload: 1316 B). */
export function statsEveryPackets(streamKbps: number | null): number {
  if (streamKbps === null || streamKbps <= 0) return 100;
  const pps = (streamKbps * 1000) / 8 / 1316;
  return Math.min(1000, Math.max(5, Math.round(pps)));
}

/** Calls onSample for every stats line srt-live-transmit writes on its stdout. */
export function readSrtStats(stdout: Readable, onSample: (s: SrtSample) => void): void {
  let pending = '';
  stdout.setEncoding('utf8');
  stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = (lines.pop() ?? '').slice(-65536);
    for (const line of lines) {
      const sample = parseSrtStatsLine(line);
      if (sample) onSample(sample);
    }
  });
}
