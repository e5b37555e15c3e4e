// Ingest-side confirmation: what the server itself says about our stream. nginx-rtmp's /stat page (XML:
// is our stream publishing, how many bytes came in) or Icecast's /status-json.xsl (is our mount up, how many
// listeners). The parsers are pure; the poller fetches the stats URL every few seconds while we send.
import { z } from 'zod';
import type { DestinationTarget } from './destination-args.js';
import type { IngestStatus } from './destination-types.js';

type Reading = Omit<IngestStatus, 'checkedAt'>;

const tag = (xml: string, name: string): string | null =>
  new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? null;

/** nginx-rtmp `rtmp_stat all`: our stream is listed in the application and publishing. */
export function readNginxStat(xml: string, app: string, stream: string): Reading {
  for (const appBlock of xml.split('<application>').slice(1)) {
    if (tag(appBlock, 'name') !== app) continue;
    for (const block of appBlock.split('<stream>').slice(1)) {
      const body = block.split('</stream>')[0] ?? '';
      if (tag(body, 'name') !== stream) continue;
      const bytesIn = Number(tag(body, 'bytes_in') ?? Number.NaN);
      return {
        confirmed: /<publishing\s*\/>/.test(body),
        ...(Number.isFinite(bytesIn) ? { bytesIn } : {}),
      };
    }
  }
  return { confirmed: false, error: `the server does not list ${app}/<stream>` };
}

const IcecastSource = z.object({
  listenurl: z.string().optional(),
  listeners: z.number().optional(),
  total_bytes_read: z.number().optional(),
});
const IcecastStatus = z.object({
  icestats: z.object({ source: z.union([IcecastSource, z.array(IcecastSource)]).optional() }),
});

/** Icecast `status-json.xsl`: the mount is there (a source is connected) and its listeners. */
export function readIcecastStatus(json: unknown, mount: string): Reading {
  const parsed = IcecastStatus.safeParse(json);
  if (!parsed.success) return { confirmed: false, error: 'not an Icecast status-json.xsl answer' };
  const src = parsed.data.icestats.source;
  const sources = src === undefined ? [] : Array.isArray(src) ? src : [src];
  const ours = sources.find((s) => s.listenurl !== undefined && new URL(s.listenurl).pathname === mount);
  if (!ours) return { confirmed: false, error: `mount ${mount} is not on the server` };
  return {
    confirmed: true,
    ...(ours.listeners !== undefined ? { listeners: ours.listeners } : {}),
    ...(ours.total_bytes_read !== undefined ? { bytesIn: ours.total_bytes_read } : {}),
  };
}

export interface IngestTarget {
  kind: 'nginx' | 'icecast';
  /** nginx: application and stream name; icecast: the mount. */
  app?: string;
  name: string;
}

/** What to look for on the stats page: by its path, Icecast (…/status-json.xsl) or nginx-rtmp (…/stat). */
export function ingestTarget(target: DestinationTarget, statsUrl: string): IngestTarget {
  const path = new URL(target.url.replace(/^[a-z]+:/i, 'http:')).pathname.split('/').filter((p) => p !== '');
  if (/status-json\.xsl$/.test(new URL(statsUrl).pathname))
    return { kind: 'icecast', name: `/${path.join('/')}` };
  return { kind: 'nginx', app: path.slice(0, -1).join('/'), name: path[path.length - 1] ?? '' };
}

export async function pollIngest(
  statsUrl: string,
  target: IngestTarget,
  timeoutMs = 2000,
): Promise<IngestStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const res = await fetch(statsUrl, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return { confirmed: false, checkedAt, error: `stats page answered HTTP ${res.status}` };
    const text = await res.text();
    if (target.kind === 'nginx') return { ...readNginxStat(text, target.app ?? '', target.name), checkedAt };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { confirmed: false, checkedAt, error: 'the stats page is not JSON' };
    }
    return { ...readIcecastStatus(json, target.name), checkedAt };
  } catch (err) {
    const words = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    return { confirmed: false, checkedAt, error: `stats page ${words}` };
  }
}
