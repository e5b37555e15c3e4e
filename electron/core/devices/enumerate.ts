// Enumerates the capture devices of this machine: the listing commands of the current OS run through
// an injected exec and file reader (so every OS is testable on fixture outputs). Backends of other OSes,
// and backends this ffmpeg lacks, are listed as unavailable with the reason. Never throws.
import type {
  BackendStatus,
  CaptureDevice,
  DeviceBackend,
  DeviceId,
  DeviceList,
} from '../../shared/devices.js';
import { DeviceBackendSchema } from '../../shared/devices.js';
import {
  backendInFfmpeg,
  backendLabel,
  missingBackendReason,
  parseFfmpegInputDevices,
} from './availability.js';
import { ffmpegDevicesCommand } from './commands.js';
import type { DeviceFs, ExecFn } from './exec.js';
import { listAlsa, listJack, listPulse, listV4l2, listX11 } from './list-linux.js';
import { listAvfoundation, listDecklink, listDshow, listGdigrab } from './list-other.js';
import type { BackendResult, ListingContext } from './listing.js';
import { createListingContext, unavailable } from './listing.js';
import { nativeBackends, notOnThisOsReason } from './platform.js';

export interface EnumerateDeps {
  platform: NodeJS.Platform;
  exec: ExecFn;
  fs: DeviceFs;
  /** The core's environment: DISPLAY names the X screen. */
  env: Readonly<Record<string, string | undefined>>;
  /** The ffmpeg binary the sources use. */
  ffmpeg: string;
  /** ffmpeg's input devices, from the probe; when absent, `ffmpeg -devices` is run. */
  inputDevices?: readonly string[];
  /** Per listing command (DeckLink gets more). */
  timeoutMs?: number;
}

export interface EnumerateOptions {
  /** Only these backends (a hot-plug refresh); default: all. */
  backends?: readonly DeviceBackend[];
  /** The last list: modes of devices already in it are reused instead of listed again… */
  previous?: DeviceList;
  /** …unless 'all' (an explicit refresh lists every device's modes again). */
  listModes?: 'all' | 'new';
}

type Lister = (ctx: ListingContext) => Promise<BackendResult> | BackendResult;

const LISTERS: Readonly<Record<DeviceBackend, Lister>> = {
  v4l2: listV4l2,
  decklink: listDecklink,
  x11grab: listX11,
  pulse: listPulse,
  alsa: listAlsa,
  jack: listJack,
  avfoundation: listAvfoundation,
  dshow: listDshow,
  gdigrab: listGdigrab,
};

/** Native backends first (in listing order), then the others. */
export function backendOrder(platform: NodeJS.Platform): DeviceBackend[] {
  const native = nativeBackends(platform);
  return [...native, ...DeviceBackendSchema.options.filter((b) => !native.includes(b))];
}

async function ffmpegInputs(deps: EnumerateDeps, ctx: ListingContext): Promise<Set<string>> {
  if (deps.inputDevices) return new Set(deps.inputDevices);
  const listing = await ctx.run(ffmpegDevicesCommand);
  return parseFfmpegInputDevices(listing.text);
}

async function enumerateBackend(
  backend: DeviceBackend,
  deps: EnumerateDeps,
  ctx: ListingContext,
  inputs: ReadonlySet<string>,
): Promise<BackendResult> {
  if (!nativeBackends(deps.platform).includes(backend)) {
    return unavailable(backend, notOnThisOsReason(backend, deps.platform));
  }
  // An empty set means ffmpeg's list could not be read: try the listing, it says what is wrong.
  if (inputs.size > 0 && !backendInFfmpeg(backend, inputs)) {
    return unavailable(backend, missingBackendReason(backend));
  }
  try {
    return await LISTERS[backend](ctx);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return unavailable(backend, `${backendLabel(backend)}: the listing failed (${why})`);
  }
}

/** The devices and statuses of the requested backends (all by default). */
export async function enumerateDevices(
  deps: EnumerateDeps,
  opts: EnumerateOptions = {},
): Promise<DeviceList> {
  const ctx = createListingContext({
    platform: deps.platform,
    env: deps.env,
    fs: deps.fs,
    exec: deps.exec,
    ffmpeg: deps.ffmpeg,
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    ...(opts.previous ? { previous: opts.previous } : {}),
    listModes: opts.listModes ?? 'new',
  });
  const wanted = backendOrder(deps.platform).filter((b) => !opts.backends || opts.backends.includes(b));
  const inputs = await ffmpegInputs(deps, ctx);
  const results = await Promise.all(wanted.map((b) => enumerateBackend(b, deps, ctx, inputs)));
  const devices = results.flatMap((r) => r.devices);
  return {
    video: devices.filter((d) => d.kind === 'video'),
    audio: devices.filter((d) => d.kind === 'audio'),
    backends: results.map((r) => r.status),
  };
}

/** The base list with the given backends' devices and statuses replaced by those of `part`. */
export function mergeDeviceList(
  base: DeviceList,
  part: DeviceList,
  backends: readonly DeviceBackend[],
  platform: NodeJS.Platform,
): DeviceList {
  const order = backendOrder(platform);
  const rank = (b: DeviceBackend): number => order.indexOf(b);
  const keep = <T extends { backend: DeviceBackend }>(items: readonly T[]): T[] =>
    items.filter((i) => !backends.includes(i.backend));
  // Array.prototype.sort is stable: a backend's own order is kept.
  const sorted = <T extends { backend: DeviceBackend }>(items: T[]): T[] =>
    items.sort((a, b) => rank(a.backend) - rank(b.backend));
  const replaced = (items: readonly CaptureDevice[], fresh: readonly CaptureDevice[]): CaptureDevice[] =>
    sorted([...keep(items), ...fresh.filter((d) => backends.includes(d.backend))]);
  return {
    video: replaced(base.video, part.video),
    audio: replaced(base.audio, part.audio),
    backends: sorted<BackendStatus>([
      ...keep(base.backends),
      ...part.backends.filter((s) => backends.includes(s.backend)),
    ]),
  };
}

export interface DeviceListDiff {
  /** Ids in the new list only. */
  added: DeviceId[];
  /** Ids in the old list only. */
  removed: DeviceId[];
  /**
   * Ids in both whose device was re-created in between: another input, or another PulseAudio index
   * (a source unloaded and loaded again between two enumerations).
   */
  replaced: DeviceId[];
}

function instanceOf(d: CaptureDevice): string {
  return JSON.stringify([d.input, d.details?.index ?? null]);
}

export function diffDeviceLists(before: DeviceList, after: DeviceList): DeviceListDiff {
  const byId = (l: DeviceList): Map<DeviceId, CaptureDevice> =>
    new Map([...l.video, ...l.audio].map((d) => [d.id, d]));
  const a = byId(before);
  const b = byId(after);
  const replaced: DeviceId[] = [];
  for (const [id, d] of b) {
    const old = a.get(id);
    if (old && instanceOf(old) !== instanceOf(d)) replaced.push(id);
  }
  return {
    added: [...b.keys()].filter((id) => !a.has(id)),
    removed: [...a.keys()].filter((id) => !b.has(id)),
    replaced,
  };
}

export const EMPTY_DEVICE_LIST: DeviceList = { video: [], audio: [], backends: [] };
