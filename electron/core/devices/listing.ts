// What the per-backend listers share: running a listing command with its timeout, reusing the modes
// of devices already known, and turning failures into a BackendStatus (never a throw).
import type {
  BackendStatus,
  CaptureDevice,
  DeviceBackend,
  DeviceList,
  DeviceMode,
} from '../../shared/devices.js';
import { backendLabel } from './availability.js';
import type { ListingCommand } from './commands.js';
import type { DeviceFs, ExecFn, ExecResult } from './exec.js';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface Listing extends ExecResult {
  /** stdout and stderr together (ffmpeg lists on stderr, pactl and arecord on stdout). */
  text: string;
}

export interface BackendResult {
  devices: CaptureDevice[];
  status: BackendStatus;
}

export interface ListingContext {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  fs: DeviceFs;
  run(cmd: ListingCommand, timeoutMs?: number): Promise<Listing>;
  /** The modes of a device already listed with the same input, when they need not be listed again. */
  knownModes(device: CaptureDevice): DeviceMode[] | null;
}

export function createListingContext(opts: {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  fs: DeviceFs;
  exec: ExecFn;
  ffmpeg: string;
  timeoutMs?: number;
  previous?: DeviceList;
  listModes?: 'all' | 'new';
}): ListingContext {
  const known = new Map<string, CaptureDevice>();
  for (const d of [...(opts.previous?.video ?? []), ...(opts.previous?.audio ?? [])]) known.set(d.id, d);
  return {
    platform: opts.platform,
    env: opts.env,
    fs: opts.fs,
    async run(cmd, timeoutMs) {
      const program = cmd.program === 'ffmpeg' ? opts.ffmpeg : cmd.program;
      const r = await opts.exec(program, cmd.args, {
        ...(cmd.env ? { env: cmd.env } : {}),
        timeoutMs: timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      });
      return { ...r, text: r.stdout + (r.stdout && r.stderr ? '\n' : '') + r.stderr };
    },
    knownModes(device) {
      if (opts.listModes === 'all') return null;
      const before = known.get(device.id);
      return before && before.input === device.input && before.modes.length > 0 ? before.modes : null;
    },
  };
}

export function available(backend: DeviceBackend, devices: CaptureDevice[], reason?: string): BackendResult {
  return { devices, status: { backend, available: true, ...(reason ? { reason } : {}) } };
}

export function unavailable(backend: DeviceBackend, reason: string): BackendResult {
  return { devices: [], status: { backend, available: false, reason } };
}

/** "PulseAudio: pactl is not installed", "DeckLink: ffmpeg did not answer within 5000 ms". */
export function runFailure(backend: DeviceBackend, listing: Listing): string | null {
  return listing.error ? `${backendLabel(backend)}: ${listing.error.message}` : null;
}

/**
 * The device's modes: known ones, else those of the first command whose output gives some. A missing
 * program (v4l2-ctl) moves on to the next command; no command giving modes leaves them empty (unknown).
 */
export async function withModes(
  ctx: ListingContext,
  device: CaptureDevice,
  commands: readonly ListingCommand[],
  parse: (cmd: ListingCommand, text: string) => DeviceMode[],
): Promise<CaptureDevice> {
  const known = ctx.knownModes(device);
  if (known) return { ...device, modes: known };
  for (const cmd of commands) {
    const listing = await ctx.run(cmd);
    if (listing.error?.kind === 'not-found' || listing.error?.kind === 'failed') continue;
    const modes = parse(cmd, listing.text);
    if (modes.length > 0) return { ...device, modes };
  }
  return device;
}
