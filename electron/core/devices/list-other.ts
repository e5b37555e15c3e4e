// The listers of DeckLink (every OS, when ffmpeg has it), DirectShow and GDI screens (Windows) and
// AVFoundation (macOS). The listing commands are ffmpeg's own, run through the injected exec.
import type { CaptureDevice, DeviceBackend } from '../../shared/devices.js';
import { parseAvfoundationDevices } from './avfoundation.js';
import { backendStatusFromError } from './availability.js';
import { deviceListCommands, modeListCommands, screenGrabCommand } from './commands.js';
import { parseDecklinkDevices, parseDecklinkFormats } from './decklink.js';
import { parseDshowDevices, parseDshowOptions } from './dshow.js';
import type { BackendResult, Listing, ListingContext } from './listing.js';
import { available, runFailure, unavailable, withModes } from './listing.js';
import { parseFfmpegSources } from './sources.js';
import { makeDeviceId } from './text.js';
import { parseGrabbedVideoSize } from './x11.js';

/** DeckLink listings can take a while: the driver probes every card. */
const DECKLINK_TIMEOUT_MS = 8000;

/** A failure of the run itself or one ffmpeg reports in its output; null when the listing is usable. */
function listingProblem(backend: DeviceBackend, listing: Listing): BackendResult | null {
  const failure = runFailure(backend, listing);
  if (failure) return unavailable(backend, failure);
  const status = backendStatusFromError(backend, listing.text);
  return status ? { devices: [], status } : null;
}

/** `-sources decklink`, else the legacy `-list_devices 1`; modes from `-list_formats 1` per device. */
export async function listDecklink(ctx: ListingContext): Promise<BackendResult> {
  const [sources, legacy] = deviceListCommands('decklink');
  if (!sources || !legacy) return unavailable('decklink', 'DeckLink: no listing command');
  const a = await ctx.run(sources, DECKLINK_TIMEOUT_MS);
  const problem = listingProblem('decklink', a);
  if (problem) return problem;
  let devices = parseFfmpegSources(a.text, 'decklink');
  if (devices.length === 0) {
    const b = await ctx.run(legacy, DECKLINK_TIMEOUT_MS);
    const legacyProblem = listingProblem('decklink', b);
    if (legacyProblem) return legacyProblem;
    devices = parseDecklinkDevices(b.text);
  }
  const withFormats = await Promise.all(
    devices.map((d) =>
      withModes(ctx, d, modeListCommands('decklink', d.input), (_cmd, text) => parseDecklinkFormats(text)),
    ),
  );
  return available('decklink', withFormats);
}

/** `-list_devices true -f dshow`; video devices get their modes from `-list_options true`. */
export async function listDshow(ctx: ListingContext): Promise<BackendResult> {
  const [list] = deviceListCommands('dshow');
  if (!list) return unavailable('dshow', 'DirectShow: no listing command');
  const listing = await ctx.run(list);
  const problem = listingProblem('dshow', listing);
  if (problem) return problem;
  const devices = await Promise.all(
    parseDshowDevices(listing.text).map((d) =>
      d.kind === 'video'
        ? withModes(ctx, d, modeListCommands('dshow', d.input), (_cmd, text) => parseDshowOptions(text))
        : Promise.resolve(d),
    ),
  );
  return available('dshow', devices);
}

/** The Windows desktop as one screen device; its size from one grabbed frame. */
export async function listGdigrab(ctx: ListingContext): Promise<BackendResult> {
  const desktop: CaptureDevice = {
    id: makeDeviceId('gdigrab', 'desktop'),
    name: 'Desktop (all screens)',
    backend: 'gdigrab',
    kind: 'video',
    modes: [],
    input: 'desktop',
    isDefault: true,
  };
  const known = ctx.knownModes(desktop);
  if (known) return available('gdigrab', [{ ...desktop, modes: known }]);
  const listing = await ctx.run(screenGrabCommand('gdigrab', 'desktop'));
  const size = listing.error === null ? parseGrabbedVideoSize(listing.text) : null;
  return available('gdigrab', [
    size
      ? { ...desktop, modes: [{ ...size, fps: [], codec: 'raw' as const, pixelFormat: 'bgra' }] }
      : desktop,
  ]);
}

/** `-f avfoundation -list_devices true`: cameras, capture cards, screens ("Capture screen 0") and audio inputs. */
export async function listAvfoundation(ctx: ListingContext): Promise<BackendResult> {
  const [list] = deviceListCommands('avfoundation');
  if (!list) return unavailable('avfoundation', 'AVFoundation: no listing command');
  const listing = await ctx.run(list);
  const problem = listingProblem('avfoundation', listing);
  if (problem) return problem;
  return available('avfoundation', parseAvfoundationDevices(listing.text));
}
