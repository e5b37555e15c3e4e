// stream.preflight: before going live, check every enabled destination, the disk for the recording and the
// encoder's speed, and say in words what is wrong. Nothing is started and nothing is published.
import type { Show } from '../../shared/show.js';
import type { DiskSpace, StatfsFn } from '../disk/space.js';
import { LOW_DISK_SECONDS, describeSpace, diskSpace, formatDuration } from '../disk/space.js';
import { resolveTarget } from './destination-args.js';
import type { DestinationCheck } from './preflight-destination.js';
import { checkDestination } from './preflight-destination.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface PreflightResult {
  ok: boolean;
  checks: Check[];
  destinations: DestinationCheck[];
  disk: { ok: boolean; freeBytes: number; secondsLeft: number | null; detail: string };
  encoder: { ok: boolean; speed: number | null; detail: string };
}

export interface PreflightDeps {
  show: Show;
  recordingDir: string;
  secret: (ref: string) => string | null;
  srtTool: string | null;
  encoderSpeed: number | null;
  /** Destinations live right now (their own connection is the proof). */
  liveIds?: ReadonlySet<string>;
  timeoutMs?: number;
  statfs?: StatfsFn;
}

/** ffmpeg reading a real-time input reports 1.00x give or take jitter; below this it falls behind. */
export const MIN_ENCODER_SPEED = 0.97;

/** The program's configured bitrate, with the MPEG-TS overhead (about 5 %). */
export function programBitsPerSecond(show: Show): number {
  const e = show.encoder;
  const kbps = e.videoKbps + (e.slidesTrack?.videoKbps ?? 0) + e.audioKbps * show.audioTracks.length;
  return kbps * 1000 * 1.05;
}

async function destinationChecks(deps: PreflightDeps): Promise<DestinationCheck[]> {
  const enabled = deps.show.destinations.filter((d) => d.enabled);
  return Promise.all(
    enabled.map(async (d) => {
      try {
        const key = d.keyRef !== undefined ? deps.secret(d.keyRef) : null;
        const target = resolveTarget(d.url, key, d.format);
        return await checkDestination(d.id, d.name, target, {
          srtTool: deps.srtTool,
          liveNow: deps.liveIds?.has(d.id) ?? false,
          ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
        });
      } catch (err) {
        return {
          id: d.id,
          name: d.name,
          ok: false,
          reachable: false,
          detail: `cannot check: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
    }),
  );
}

async function diskCheck(deps: PreflightDeps): Promise<PreflightResult['disk']> {
  const bps = programBitsPerSecond(deps.show);
  let space: DiskSpace;
  try {
    space = await diskSpace(deps.recordingDir, bps, deps.statfs);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, freeBytes: 0, secondsLeft: null, detail: `cannot read free space: ${msg}` };
  }
  const detail = describeSpace(space, bps);
  if (!deps.show.recording.enabled)
    return {
      ok: true,
      freeBytes: space.freeBytes,
      secondsLeft: space.secondsLeft,
      detail: `recording off; ${detail}`,
    };
  const ok = space.secondsLeft === null || space.secondsLeft >= LOW_DISK_SECONDS;
  return {
    ok,
    freeBytes: space.freeBytes,
    secondsLeft: space.secondsLeft,
    detail: ok ? detail : `${detail}: less than ${formatDuration(LOW_DISK_SECONDS)} of recording`,
  };
}

function encoderCheck(speed: number | null): PreflightResult['encoder'] {
  if (speed === null || speed === 0)
    return {
      ok: false,
      speed,
      detail: 'the encoder has not reported its speed yet (starting, or not running)',
    };
  const shown = `${speed.toFixed(2)}x`;
  if (speed >= MIN_ENCODER_SPEED) return { ok: true, speed, detail: `encoding at ${shown} real time` };
  return {
    ok: false,
    speed,
    detail: `encoding at ${shown}: slower than real time, the stream will stall (lower the preset, size or frame rate)`,
  };
}

export async function preflight(deps: PreflightDeps): Promise<PreflightResult> {
  const [destinations, disk] = await Promise.all([destinationChecks(deps), diskCheck(deps)]);
  const encoder = encoderCheck(deps.encoderSpeed);
  const checks: Check[] = [
    ...destinations.map((d) => ({ name: `Destination ${d.name}`, ok: d.ok, detail: d.detail })),
    { name: 'Disk space', ok: disk.ok, detail: disk.detail },
    { name: 'Encoder speed', ok: encoder.ok, detail: encoder.detail },
  ];
  if (destinations.length === 0)
    checks.unshift({
      name: 'Destinations',
      ok: false,
      detail: 'no enabled destination: nothing would go live',
    });
  return { ok: checks.every((c) => c.ok), checks, destinations, disk, encoder };
}
