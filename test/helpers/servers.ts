// Real ingest servers for the integration tests, on free loopback ports: nginx-rtmp (with its /stat page) and
// an SRT listener (srt-live-transmit → file). Also the test "encoder" (ffmpeg testsrc2 + sine → MPEG-TS on
// stdout, in real time) and ffprobe helpers. Every process started here is tracked and killed in afterAll,
// and at process exit as a last resort, so nothing outlives the test run.
import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { z } from 'zod';
import { tcpReachable } from '../../electron/core/outputs/tcp-probe.js';

const run = promisify(execFile);
const running = new Set<ChildProcess>();
const tempDirs = new Set<string>();

process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Kill whatever is still running and remove the temp dirs; registered as afterAll of every test file using this. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c)));
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}
afterAll(stopAllServers);

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `regie-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** Track a child started by another helper (killed in afterAll with the rest). */
export function trackChild(child: ChildProcess): ChildProcess {
  return track(child);
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after killMs; resolves once the process has exited. */
export async function stopChild(child: ChildProcess, killMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killMs);
  await exited;
  clearTimeout(timer);
}

export async function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (kind === 'udp') {
    const sock = createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const { port } = sock.address();
    await new Promise<void>((r) => sock.close(() => r()));
    return port;
  }
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what}: not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface NginxRtmp {
  port: number;
  httpPort: number;
  /** rtmp://127.0.0.1:<port>/live */
  rtmpUrl: string;
  statUrl: string;
  prefix: string;
  /** rtmps://127.0.0.1:<tlsPort>/live when started with `tls` (nginx's stream module terminates TLS). */
  rtmpsUrl: string | null;
  /** Start again on the same ports after stop(). */
  start(): Promise<void>;
  stop(): Promise<void>;
  stat(): Promise<string>;
}

/** onPublish: nginx-rtmp asks this URL before accepting a publisher (a 2xx answer accepts, others reject). */
/** nginx's stream module (Debian: libnginx-mod-stream), which terminates TLS in front of the RTMP port. */
export const NGINX_STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

/**
 * nginx-rtmp on loopback ports. With `tls`, nginx also listens for RTMPS: its stream module terminates TLS
 * with a self-signed certificate made here (openssl) and passes the RTMP inside to the RTMP port.
 */
export async function startNginxRtmp(opts: { onPublish?: string; tls?: boolean } = {}): Promise<NginxRtmp> {
  const prefix = tempDir('nginx');
  const [port, httpPort] = [await freePort(), await freePort()];
  for (const d of ['logs', 'tmp']) mkdirSync(join(prefix, d));
  const tlsPort = opts.tls ? await freePort() : null;
  if (tlsPort !== null)
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-keyout',
      join(prefix, 'key.pem'),
      '-out',
      join(prefix, 'cert.pem'),
    ]);
  const stream =
    tlsPort === null
      ? ''
      : `stream { server { listen 127.0.0.1:${tlsPort} ssl; ssl_certificate ${prefix}/cert.pem; ` +
        `ssl_certificate_key ${prefix}/key.pem; proxy_pass 127.0.0.1:${port}; } }`;
  const conf = join(prefix, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
    (t) => `${t}_temp_path ${prefix}/tmp/${t};`,
  );
  writeFileSync(
    conf,
    `load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
${tlsPort !== null ? `load_module ${NGINX_STREAM_MODULE};` : ''}
daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log info;
events { worker_connections 128; }
rtmp { server { listen 127.0.0.1:${port}; chunk_size 4096; application live { live on; record off; ${opts.onPublish !== undefined ? `on_publish ${opts.onPublish};` : ''} } } }
http {
  access_log off;
  ${temp.join('\n  ')}
  server { listen 127.0.0.1:${httpPort}; location /stat { rtmp_stat all; } }
}
${stream}
`,
  );
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const c = track(
      spawn('nginx', ['-c', conf, '-p', `${prefix}/`, '-e', `${prefix}/logs/error.log`], { stdio: 'ignore' }),
    );
    child = c;
    const up = async (): Promise<boolean> => {
      if (c.exitCode === null) return tcpReachable('127.0.0.1', port, 500);
      throw new Error(`nginx exited: ${readFileSync(join(prefix, 'logs/error.log'), 'utf8')}`);
    };
    await until(up, 5000, 'nginx');
  };
  await start();
  return {
    port,
    httpPort,
    prefix,
    rtmpUrl: `rtmp://127.0.0.1:${port}/live`,
    rtmpsUrl: tlsPort === null ? null : `rtmps://127.0.0.1:${tlsPort}/live`,
    statUrl: `http://127.0.0.1:${httpPort}/stat`,
    start,
    stop: async () => {
      if (child) await stopChild(child);
      child = null;
    },
    stat: async () => (await fetch(`http://127.0.0.1:${httpPort}/stat`)).text(),
  };
}

export interface SrtListener {
  port: number;
  /** What a destination calls: srt://127.0.0.1:<port>?mode=caller */
  callerUrl: string;
  /** Everything received, as written by srt-live-transmit. */
  file: string;
  stop(): Promise<void>;
}

function udpListening(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  return ['/proc/net/udp', '/proc/net/udp6'].some(
    (f) => existsSync(f) && readFileSync(f, 'utf8').includes(hex),
  );
}

export async function startSrtListener(
  opts: { passphrase?: string; port?: number; file?: string } = {},
): Promise<SrtListener & { start(): Promise<void> }> {
  const port = opts.port ?? (await freePort('udp'));
  const file = opts.file ?? join(tempDir('srt'), 'received.ts');
  const query = `mode=listener${opts.passphrase !== undefined ? `&passphrase=${opts.passphrase}` : ''}`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const fd = openSync(file, 'a');
    child = track(
      spawn('srt-live-transmit', ['-q', `srt://:${port}?${query}`, 'file://con'], {
        stdio: ['ignore', fd, 'ignore'],
      }),
    );
    closeSync(fd);
    await until(() => udpListening(port), 5000, 'srt-live-transmit');
  };
  await start();
  return {
    port,
    file,
    callerUrl: `srt://127.0.0.1:${port}?mode=caller`,
    start,
    stop: async () => {
      if (child) await stopChild(child);
      child = null;
    },
  };
}

/** A viewer of an SRT listener (ours): srt-live-transmit calls `url` and writes what it receives to `file`. */
export function startSrtCaller(url: string, file: string): TestEncoder {
  const fd = openSync(file, 'a');
  const child = track(
    spawn('srt-live-transmit', ['-q', url, 'file://con'], { stdio: ['ignore', fd, 'ignore'] }),
  );
  closeSync(fd);
  return { child, stop: () => stopChild(child) };
}

export interface TestEncoder {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The encoder of the contract: H.264 (fixed GOP of 30 at 30 fps) + AAC in MPEG-TS on stdout, in real time. */
export function startTestEncoder(
  onData: (chunk: Buffer) => void,
  opts: { bitrateKbps?: number } = {},
): TestEncoder {
  const video = 'testsrc2=size=320x180:rate=30';
  const audio = 'sine=frequency=440:sample_rate=48000';
  const h264 = `-c:v libx264 -preset veryfast -g 30 -keyint_min 30 -sc_threshold 0 -b:v ${opts.bitrateKbps ?? 400}k`;
  const args = [
    ...`-hide_banner -loglevel error -re -f lavfi -i ${video} -re -f lavfi -i ${audio}`.split(' '),
    ...`${h264} -pix_fmt yuv420p -threads 1 -c:a aac -b:a 64k`.split(' '),
    ...'-f mpegts -mpegts_flags +resend_headers -flush_packets 1 pipe:1'.split(' '),
  ];
  const child = track(
    spawn(process.env.REGIE_FFMPEG ?? 'ffmpeg', args, { stdio: ['ignore', 'pipe', 'inherit'] }),
  );
  child.stdout?.on('data', onData);
  return { child, stop: () => stopChild(child) };
}

/** A viewer: pulls a stream (e.g. rtmp://…/live/<key>) and copies it to an MPEG-TS file, until stop(). */
export function startPuller(url: string, file: string): TestEncoder {
  const args = ['-hide_banner', '-loglevel', 'error', '-i', url, '-c', 'copy', '-f', 'mpegts', '-y', file];
  const child = track(
    spawn(process.env.REGIE_FFMPEG ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] }),
  );
  return { child, stop: () => stopChild(child) };
}

const ProbeSchema = z.object({
  streams: z.array(z.object({ codec_type: z.string(), codec_name: z.string().optional() })).default([]),
  packets: z
    .array(
      z.object({
        pts_time: z.coerce.number().optional(),
        dts_time: z.coerce.number().optional(),
        flags: z.string().optional(),
      }),
    )
    .default([]),
  format: z.object({ duration: z.coerce.number().optional() }).optional(),
});
export type Probe = z.infer<typeof ProbeSchema>;

/** ffprobe as JSON, validated. `entries` is ffprobe's -show_entries. */
export async function ffprobe(
  input: string,
  entries: string,
  extra: string[] = [],
  timeoutMs = 15_000,
): Promise<Probe> {
  const ffprobeBin = process.env.REGIE_FFPROBE ?? 'ffprobe';
  const { stdout } = await run(
    ffprobeBin,
    ['-v', 'error', ...extra, '-show_entries', entries, '-of', 'json', input],
    {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return ProbeSchema.parse(JSON.parse(stdout));
}

export function codecs(probe: Probe): string[] {
  return probe.streams.map((s) => `${s.codec_type}:${s.codec_name ?? '?'}`).sort();
}

/** span: first to last frame (s); maxGap: largest PTS gap (s); maxDtsJump: largest DTS jump in decode order. */
export interface VideoTimeline {
  span: number;
  maxGap: number;
  packets: number;
  firstKey: boolean;
  maxDtsJump: number;
  /** Whether the frame right after the largest DTS jump is a keyframe. */
  keyAfterJump: boolean;
}

/** The video timeline of a file, by ffprobe: continuity (gaps) and keyframes. */
export async function videoTimeline(file: string): Promise<VideoTimeline> {
  const probe = await ffprobe(file, 'packet=pts_time,dts_time,flags', ['-select_streams', 'v']);
  const pts = probe.packets.map((p) => p.pts_time ?? Number.NaN).filter((t) => Number.isFinite(t));
  const sorted = [...pts].sort((a, b) => a - b);
  let maxGap = 0;
  for (let i = 1; i < sorted.length; i++) maxGap = Math.max(maxGap, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  let maxDtsJump = 0;
  let keyAfterJump = false;
  for (let i = 1; i < probe.packets.length; i++) {
    const jump = (probe.packets[i]?.dts_time ?? 0) - (probe.packets[i - 1]?.dts_time ?? 0);
    if (jump > maxDtsJump) {
      maxDtsJump = jump;
      keyAfterJump = /^K/.test(probe.packets[i]?.flags ?? '');
    }
  }
  const span = (sorted[sorted.length - 1] ?? 0) - (sorted[0] ?? 0) + 1 / 30;
  const firstKey = /^K/.test(probe.packets[0]?.flags ?? '');
  return { span, maxGap, packets: sorted.length, firstKey, maxDtsJump, keyAfterJump };
}
