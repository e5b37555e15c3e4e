// SRT destinations run through srt-live-transmit (libsrt's own sample tool): it reads our MPEG-TS on stdin
// in 1316-byte chunks (7 TS packets, one SRT payload) and prints libsrt's statistics as JSON on stdout,
// which ffmpeg cannot give. Without it (not installed), SRT falls back to ffmpeg, without statistics.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The srt-live-transmit to use (REGIE_SRT_LIVE_TRANSMIT, else the PATH), or null. Looked up once. */
let cached: { path: string | null } | null = null;
export function findSrtTool(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.REGIE_SRT_LIVE_TRANSMIT !== undefined) return env.REGIE_SRT_LIVE_TRANSMIT || null;
  if (cached) return cached.path;
  cached = { path: null };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'srt-live-transmit.exe' : 'srt-live-transmit');
    try {
      accessSync(candidate, constants.X_OK);
      cached = { path: candidate };
      break;
    } catch {
      // not here
    }
  }
  return cached.path;
}

/**
 * SRT latency in the URL: libsrt and srt-live-transmit count milliseconds, ffmpeg's srt:// microseconds.
 * A value of 10000 or more is taken as microseconds (10 s of latency in ms would be absurd), so both
 * spellings work; each tool gets its own unit.
 */
export function latencyMs(url: string): number | null {
  const m = /[?&]latency=(\d+)/.exec(url);
  if (!m?.[1]) return null;
  const v = Number(m[1]);
  return v >= 10_000 ? Math.round(v / 1000) : v;
}

function withLatency(url: string, value: number | null): string {
  if (value === null) return url;
  return url.replace(/([?&]latency=)\d+/, `$1${value}`);
}

/** The URL for srt-live-transmit (latency in ms). */
export function srtToolUrl(url: string): string {
  return withLatency(url, latencyMs(url));
}

/** The URL for ffmpeg's srt:// (latency in µs). */
export function srtFfmpegUrl(url: string): string {
  const ms = latencyMs(url);
  return withLatency(url, ms === null ? null : ms * 1000);
}

/** srt-live-transmit: stdin (our MPEG-TS) → the SRT URL, one JSON stats line every `statsEvery` packets. */
export function srtToolArgs(url: string, statsEvery: number): string[] {
  return [
    '-autoreconnect:no', // we supervise and reconnect ourselves, with backoff and words for the error
    '-chunk:1316',
    `-stats-report-frequency:${statsEvery}`,
    '-statspf:json',
    '-loglevel:warn',
    'file://con',
    srtToolUrl(url),
  ];
}

/** stderr lines of srt-live-transmit that mean the link is up (caller connected, or a caller accepted). */
export const SRT_CONNECTED = /SRT target connected|Accepted SRT target connection/;
/** stderr lines that mean the listener refused us: no point waiting, retry with backoff. */
export const SRT_REJECTED = /REJECT|BADSECRET|Incorrect passphrase/;
