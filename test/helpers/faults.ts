// Shared pieces of the fault-injection suite: a recording fed with the test encoder, the frames missing from
// it (by the PTS gaps), and one table row per fault printed for docs/BENCHMARKS.md.
import { createServer } from 'node:http';
import type { Server, Socket } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { afterAll } from 'vitest';
import { ffprobe } from './servers.js';

/** Frames missing from a recording's video (30 fps): the sum of every PTS gap beyond one frame. */
export async function lostFrames(file: string, fps = 30): Promise<number> {
  const probe = await ffprobe(file, 'packet=pts_time', ['-select_streams', 'v']);
  const pts = probe.packets
    .map((p) => p.pts_time ?? Number.NaN)
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  let lost = 0;
  for (let i = 1; i < pts.length; i++)
    lost += Math.max(0, Math.round(((pts[i] ?? 0) - (pts[i - 1] ?? 0)) * fps) - 1);
  return lost;
}

export interface FaultRow {
  fault: string;
  detectMs: number | null;
  recoverMs: number | null;
  recordingLost: number;
  note: string;
}

export function report(row: FaultRow): void {
  const ms = (v: number | null): string => (v === null ? '—' : `${(v / 1000).toFixed(1)} s`);
  console.log(
    `[faults] | ${row.fault} | ${ms(row.detectMs)} | ${ms(row.recoverMs)} | ${row.recordingLost} | ${row.note} |`,
  );
}

const servers = new Set<Server | ReturnType<typeof createServer>>();
const sockets = new Set<Socket>();
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all([...servers].map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** An HTTP server answering every request with `status` (nginx-rtmp's on_publish asks it); counts requests. */
export async function startStatusServer(status: number): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(status).end();
  });
  servers.add(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/publish`, requests: () => requests };
}

/** A TCP server that accepts connections and never reads a byte: the black hole. */
export async function startBlackHole(): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.pause();
  });
  servers.add(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    connections: () => connections,
  };
}
