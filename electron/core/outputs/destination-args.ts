// Pure: where a destination sends, and the ffmpeg arguments that do it. The stream key is a secret: it is
// only ever part of `url` (given to ffmpeg), never of `displayUrl`.
import { z } from 'zod';
import type { EncodeSettings } from './encode-args.js';
import { codecArgs } from './encode-args.js';
import { srtFfmpegUrl } from './srt-tool.js';

export type DestinationKind = 'rtmp' | 'srt' | 'icecast';
export type IcecastFormat = 'matroska' | 'webm' | 'ogg';

export interface DestinationTarget {
  kind: DestinationKind;
  /** The URL ffmpeg opens, with the key or passphrase. */
  url: string;
  /** Safe to show and log. */
  displayUrl: string;
  /** The key or passphrase, to register with the redactor; null when none. */
  secret: string | null;
  host: string;
  port: number;
  /** TCP (RTMP) targets can be probed cheaply while backing off; SRT listeners wait for a caller. */
  tcp: boolean;
  listener: boolean;
  /** Icecast only: the container sent to the mount. */
  format?: IcecastFormat;
}

const UrlSchema = z
  .string()
  .regex(/^(rtmps?|srt|icecast):\/\/[^\s]+$/i, 'expected an rtmp://, rtmps://, srt:// or icecast:// URL');

export class DestinationUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DestinationUrlError';
  }
}

/** rtmp(s)://host[:port]/app + key → …/app/<key>; srt://host:port?… + key → …&passphrase=<key>. */
export function resolveTarget(
  rawUrl: string,
  key?: string | null,
  format?: IcecastFormat,
): DestinationTarget {
  const parsedUrl = UrlSchema.safeParse(rawUrl.trim());
  if (!parsedUrl.success) throw new DestinationUrlError(parsedUrl.error.issues[0]?.message ?? 'invalid URL');
  let u: URL;
  try {
    // ffmpeg takes srt://:port (any address) for a listener; the URL parser needs a host.
    u = new URL(parsedUrl.data.replace(/^srt:\/\/:/i, 'srt://0.0.0.0:'));
  } catch {
    throw new DestinationUrlError(`not a valid URL: ${rawUrl}`);
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const secret = key !== undefined && key !== null && key.trim() !== '' ? key.trim() : null;
  if (scheme === 'rtmp' || scheme === 'rtmps') {
    const base = parsedUrl.data.replace(/\/+$/, '');
    const port = u.port !== '' ? Number(u.port) : scheme === 'rtmps' ? 443 : 1935;
    return {
      kind: 'rtmp',
      url: secret !== null ? `${base}/${secret}` : base,
      displayUrl: secret !== null ? `${base}/<key>` : base,
      secret,
      host: u.hostname,
      port,
      tcp: true,
      listener: false,
    };
  }
  if (scheme === 'icecast') return icecastTarget(u, secret, format);
  if (u.port === '') throw new DestinationUrlError('an srt:// URL needs a port');
  const passphrase = secret?.replace(/^passphrase=/, '') ?? null;
  if (passphrase !== null && (passphrase.length < 10 || passphrase.length > 79)) {
    throw new DestinationUrlError('an SRT passphrase has 10 to 79 characters');
  }
  // ffmpeg does not URL-decode the passphrase: it goes in as typed, so it cannot hold URL delimiters.
  if (passphrase !== null && /[&#?\s]/.test(passphrase)) {
    throw new DestinationUrlError('an SRT passphrase cannot contain &, #, ? or spaces');
  }
  const mode = u.searchParams.get('mode') ?? 'caller';
  if (!['caller', 'listener', 'rendezvous'].includes(mode)) {
    throw new DestinationUrlError('SRT mode is caller, listener or rendezvous');
  }
  const latency = u.searchParams.get('latency');
  if (latency !== null && !/^\d{1,7}$/.test(latency)) {
    throw new DestinationUrlError('SRT latency is a number of milliseconds');
  }
  const listener = mode === 'listener';
  const base = parsedUrl.data;
  const url = passphrase !== null ? `${base}${base.includes('?') ? '&' : '?'}passphrase=${passphrase}` : base;
  return {
    kind: 'srt',
    url,
    displayUrl: base,
    secret: passphrase,
    host: u.hostname,
    port: Number(u.port),
    tcp: false,
    listener,
  };
}

/** icecast://[user@]host[:port]/mount + password (the key) → ffmpeg's icecast://user:password@host:port/mount. */
function icecastTarget(u: URL, password: string | null, format?: IcecastFormat): DestinationTarget {
  if (u.password !== '')
    throw new DestinationUrlError('put the Icecast password in the secrets store (keyRef)');
  if (u.pathname.length < 2)
    throw new DestinationUrlError('an icecast:// URL needs a mount, e.g. /live.webm');
  const byExtension: Record<string, IcecastFormat> = {
    mkv: 'matroska',
    webm: 'webm',
    ogg: 'ogg',
    ogv: 'ogg',
  };
  const fmt = format ?? byExtension[/\.([a-z0-9]+)$/i.exec(u.pathname)?.[1]?.toLowerCase() ?? ''];
  if (fmt === undefined)
    throw new DestinationUrlError(
      'say the Icecast format (matroska, webm, ogg) or end the mount with .mkv, .webm or .ogg',
    );
  const user = u.username !== '' ? decodeURIComponent(u.username) : 'source';
  const port = u.port !== '' ? Number(u.port) : 8000;
  const base = `${u.hostname}:${port}${u.pathname}`;
  return {
    kind: 'icecast',
    url: `icecast://${encodeURIComponent(user)}:${encodeURIComponent(password ?? '')}@${base}`,
    displayUrl: `icecast://${user}@${base}`,
    secret: password,
    host: u.hostname,
    port,
    tcp: true,
    listener: false,
    format: fmt,
  };
}

export interface DestinationArgsOptions {
  /** Seconds between progress lines (they drive the "live" state and the stall watchdog). */
  statsPeriodS?: number;
  /** A rendition (or null: the program as it is). */
  encode?: EncodeSettings | null;
  /** The program's AAC rate: what its audio is encoded at again where a container cannot copy it. */
  programAudioKbps?: number;
}

const CONTENT_TYPE: Record<IcecastFormat, string> = {
  matroska: 'video/x-matroska',
  webm: 'video/webm',
  ogg: 'video/ogg',
};

/** ffmpeg reads the encoder's MPEG-TS on stdin and copies it to the target, without re-encoding. */
export function destinationArgs(target: DestinationTarget, opts: DestinationArgsOptions = {}): string[] {
  const input = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'info',
    '-stats_period',
    String(opts.statsPeriodS ?? 0.5),
    // The input is our own encoder's MPEG-TS, starting at a keyframe with PAT + PMT (SPS/PPS in-band, ADTS
    // audio): half a second of probing is plenty, and ffmpeg's default 5 s would delay every (re)connection.
    '-analyzeduration',
    '500000',
    '-probesize',
    '2000000',
    '-f',
    'mpegts',
    '-i',
    'pipe:0',
  ];
  const enc = opts.encode ?? null;
  const audioType: Record<IcecastFormat, string> = {
    matroska: 'audio/x-matroska',
    webm: 'audio/webm',
    ogg: 'audio/ogg',
  };
  switch (target.kind) {
    case 'icecast': {
      const format = target.format ?? 'matroska';
      return [
        ...input,
        ...codecArgs(format, enc, opts.programAudioKbps),
        '-f',
        format,
        '-content_type',
        enc?.audioOnly === true ? audioType[format] : CONTENT_TYPE[format],
        ...(format === 'matroska' || format === 'webm' ? ['-live', '1', '-cluster_time_limit', '1000'] : []),
        target.url,
      ];
    }
    case 'rtmp':
      if (enc !== null)
        return [
          ...input,
          ...codecArgs('flv', enc),
          '-f',
          'flv',
          '-flvflags',
          'no_duration_filesize',
          target.url,
        ];
      // FLV takes one video and one audio track; ffmpeg inserts aac_adtstoasc itself.
      return [
        ...input,
        '-map',
        '0:v:0',
        '-map',
        '0:a:0?',
        '-c',
        'copy',
        '-f',
        'flv',
        '-flvflags',
        'no_duration_filesize',
        target.url,
      ];
    case 'srt':
      if (enc !== null)
        return [
          ...input,
          ...codecArgs('mpegts', enc),
          '-f',
          'mpegts',
          '-mpegts_flags',
          '+resend_headers',
          srtFfmpegUrl(target.url),
        ];
      return [
        ...input,
        '-map',
        '0',
        '-c',
        'copy',
        '-f',
        'mpegts',
        '-mpegts_flags',
        '+resend_headers',
        srtFfmpegUrl(target.url),
      ];
  }
}
