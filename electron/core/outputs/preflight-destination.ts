// Before going live: can each destination's server be reached? RTMP(S) and Icecast: a TCP connect (its time
// is the round trip). SRT caller: a real SRT handshake by srt-live-transmit, which sends no media. SRT
// listener: nothing to reach (we wait for a caller); the UDP port must be free. Upload throughput is not
// measured: that would need a test publish to the real ingest, which viewers could see.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import type { DestinationTarget } from './destination-args.js';
import { SRT_CONNECTED, SRT_REJECTED, srtToolUrl } from './srt-tool.js';

export interface DestinationCheck {
  id: string;
  name: string;
  ok: boolean;
  reachable: boolean;
  rttMs?: number;
  throughputKbps?: number;
  detail: string;
}

type Reach = { ok: true; ms: number } | { ok: false; detail: string };

const NET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens on that port)',
  ENOTFOUND: 'host not found (DNS)',
  EAI_AGAIN: 'host not found (DNS not answering)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  EADDRINUSE: 'port already in use',
  EACCES: 'permission denied',
};

function words(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return (e.code !== undefined ? NET_ERRORS[e.code] : undefined) ?? e.message;
}

export function tcpConnectTime(host: string, port: number, timeoutMs: number): Promise<Reach> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const socket = connect({ host, port });
    const done = (r: Reach): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(timeoutMs, () =>
      done({ ok: false, detail: `no answer in ${timeoutMs / 1000} s (firewall, or host down)` }),
    );
    socket.once('connect', () => done({ ok: true, ms: performance.now() - t0 }));
    socket.once('error', (err) => done({ ok: false, detail: words(err) }));
  });
}

/** An SRT caller handshake with the listener; srt-live-transmit is stopped as soon as it is connected. */
export function srtHandshake(tool: string, url: string, timeoutMs: number): Promise<Reach> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(tool, ['-autoreconnect:no', '-loglevel:note', 'file://con', srtToolUrl(url)], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let settled = false;
    let tail = '';
    const done = (r: Reach): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        done({
          ok: false,
          detail: `no SRT handshake in ${timeoutMs / 1000} s (no listener on that port, or UDP blocked)`,
        }),
      timeoutMs,
    );
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      tail = (tail + text).slice(-4000);
      if (SRT_CONNECTED.test(tail)) done({ ok: true, ms: performance.now() - t0 });
      else if (SRT_REJECTED.test(tail))
        done({ ok: false, detail: 'the listener refused the handshake (wrong or missing passphrase?)' });
    });
    child.on('error', (err) => done({ ok: false, detail: `cannot run ${tool}: ${err.message}` }));
    child.on('exit', () => {
      const last = tail.trim().split('\n').pop() ?? '';
      done({ ok: false, detail: `srt-live-transmit gave up: ${last || 'no message'}` });
    });
  });
}

/** Can we bind the UDP port an SRT listener destination will listen on? */
export function udpPortFree(host: string, port: number): Promise<Reach> {
  return new Promise((resolve) => {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', (err) => {
      socket.close();
      resolve({ ok: false, detail: words(err) });
    });
    socket.bind(port, host, () => {
      socket.close();
      resolve({ ok: true, ms: 0 });
    });
  });
}

export interface CheckOptions {
  srtTool: string | null;
  timeoutMs?: number;
  /** The destination is live already: its own connection proves more than a probe. */
  liveNow?: boolean;
}

const NOT_MEASURED = 'throughput not measured (it would take a test publish to the ingest)';

export async function checkDestination(
  id: string,
  name: string,
  target: DestinationTarget,
  opts: CheckOptions,
): Promise<DestinationCheck> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const base = { id, name };
  // Live already: its own connection proves more than a probe, and a second SRT caller could disturb it.
  if (opts.liveNow === true)
    return { ...base, ok: true, reachable: true, detail: 'live now: its own connection is up (not probed)' };
  if (target.kind === 'srt' && target.listener) {
    const host = target.host === '' ? '0.0.0.0' : target.host;
    const free = await udpPortFree(host, target.port);
    if (!free.ok)
      return {
        ...base,
        ok: false,
        reachable: false,
        detail: `SRT listener on UDP ${target.port}: ${free.detail}`,
      };
    return {
      ...base,
      ok: true,
      reachable: false,
      detail: `SRT listener mode: nothing to reach, we wait for a caller on UDP ${target.port} (port free)`,
    };
  }
  const where = `${target.host}:${target.port}`;
  if (target.kind === 'srt') {
    if (opts.srtTool === null)
      return {
        ...base,
        ok: true,
        reachable: false,
        detail: `not checked: srt-live-transmit is not installed (SRT ${where})`,
      };
    const r = await srtHandshake(opts.srtTool, target.url, timeoutMs);
    if (!r.ok) return { ...base, ok: false, reachable: false, detail: `SRT ${where}: ${r.detail}` };
    return {
      ...base,
      ok: true,
      reachable: true,
      detail: `SRT handshake with ${where} in ${Math.round(r.ms)} ms; ${NOT_MEASURED}`,
    };
  }
  const label = target.kind === 'icecast' ? 'Icecast' : target.url.startsWith('rtmps') ? 'RTMPS' : 'RTMP';
  const r = await tcpConnectTime(target.host, target.port, timeoutMs);
  if (!r.ok) return { ...base, ok: false, reachable: false, detail: `${label} ${where}: ${r.detail}` };
  const rttMs = Math.round(r.ms * 10) / 10;
  return {
    ...base,
    ok: true,
    reachable: true,
    rttMs,
    detail: `${label} ${where} reachable (TCP connect ${rttMs} ms); ${NOT_MEASURED}`,
  };
}
