// The Linux listers: V4L2 (sysfs + modes), PulseAudio/PipeWire, ALSA, X11 screens, JACK.
// Each returns its devices and a BackendStatus, whatever the machine lacks.
import type { CaptureDevice, DeviceMode } from '../../shared/devices.js';
import { asoundCardsToDevices, parseArecordList, parseAsoundCards } from './alsa.js';
import { backendStatusFromError } from './availability.js';
import { deviceListCommands, modeListCommands, x11ScreenCommands } from './commands.js';
import type { ListingCommand } from './commands.js';
import type { BackendResult, ListingContext } from './listing.js';
import { available, runFailure, unavailable, withModes } from './listing.js';
import { parsePactlJsonSources, parsePactlSources } from './pulse.js';
import { parseFfmpegSourceList, parseFfmpegSources } from './sources.js';
import { readV4l2Sysfs } from './v4l2-sysfs.js';
import { parseV4l2Formats } from './v4l2.js';
import { parseV4l2CtlFormats } from './v4l2ctl.js';
import {
  parseGrabbedVideoSize,
  parseX11Display,
  parseXdpyinfoScreens,
  x11OpenError,
  x11ScreenDevice,
  x11ScreenName,
} from './x11.js';

export const SYSFS_V4L2 = '/sys/class/video4linux';

function v4l2Modes(cmd: ListingCommand, text: string): DeviceMode[] {
  return cmd.program === 'v4l2-ctl' ? parseV4l2CtlFormats(text) : parseV4l2Formats(text);
}

/** Capture nodes from sysfs (name, index, bus path), modes from v4l2-ctl or ffmpeg `-list_formats all`. */
export async function listV4l2(ctx: ListingContext): Promise<BackendResult> {
  const entries = (await ctx.fs.readDir(SYSFS_V4L2)) ?? [];
  const files: Record<string, string> = {};
  await Promise.all(
    entries
      .filter((node) => /^video\d+$/.test(node))
      .map(async (node) => {
        const dir = `${SYSFS_V4L2}/${node}`;
        const [name, index, device] = await Promise.all([
          ctx.fs.readFile(`${dir}/name`),
          ctx.fs.readFile(`${dir}/index`),
          ctx.fs.realpath(`${dir}/device`),
        ]);
        if (name !== null) files[`${node}/name`] = name;
        if (index !== null) files[`${node}/index`] = index;
        if (device !== null) files[`${node}/device`] = device;
      }),
  );
  const devices = await Promise.all(
    readV4l2Sysfs(files).map((d) => withModes(ctx, d, modeListCommands('v4l2', d.input), v4l2Modes)),
  );
  return available('v4l2', devices);
}

const PULSE_UNREACHABLE = /Connection failure|Connection refused|Connection terminated/i;

/** pactl's JSON, else its text, else `ffmpeg -sources pulse`. */
export async function listPulse(ctx: ListingContext): Promise<BackendResult> {
  const [json, text, viaFfmpeg] = deviceListCommands('pulse');
  if (!json || !text || !viaFfmpeg) return unavailable('pulse', 'PulseAudio: no listing command');
  const a = await ctx.run(json);
  if (a.error === null && a.code === 0 && a.stdout.trimStart().startsWith('[')) {
    return available('pulse', parsePactlJsonSources(a.stdout));
  }
  const refused = a.error === null && PULSE_UNREACHABLE.test(a.stderr);
  if (refused) {
    const why = a.stderr.trim().split('\n')[0] ?? '';
    return unavailable('pulse', `PulseAudio: no PulseAudio/PipeWire sound server could be reached (${why})`);
  }
  if (a.error?.kind !== 'not-found') {
    // pactl older than 16 has no JSON output.
    const b = await ctx.run(text);
    if (b.error === null && b.code === 0) return available('pulse', parsePactlSources(b.stdout));
  }
  const c = await ctx.run(viaFfmpeg);
  const failure = runFailure('pulse', c);
  if (failure) return unavailable('pulse', failure);
  const error = backendStatusFromError('pulse', c.text);
  if (error) return { devices: [], status: error };
  if (parseFfmpegSourceList(c.text).error !== null) {
    return unavailable('pulse', 'PulseAudio: ffmpeg could not list the sources');
  }
  return available('pulse', parseFfmpegSources(c.text, 'pulse'));
}

/** `arecord -l`, else the cards of /proc/asound/cards; the card's USB port goes into the details. */
export async function listAlsa(ctx: ListingContext): Promise<BackendResult> {
  const cards = parseAsoundCards(await ctx.fs.readFile('/proc/asound/cards'));
  const [arecord] = deviceListCommands('alsa');
  const listing = arecord ? await ctx.run(arecord) : null;
  // arecord exits 1 with "no soundcards found": an empty list, not an error.
  const devices: CaptureDevice[] =
    listing === null || listing.error !== null ? asoundCardsToDevices(cards) : parseArecordList(listing.text);
  return available(
    'alsa',
    devices.map((d) => {
      const card = cards.find((c) => c.id === d.details?.cardId);
      return card?.location ? { ...d, details: { ...d.details, location: card.location } } : d;
    }),
  );
}

/** The screens of $DISPLAY: all of them with their sizes from xdpyinfo, else the named one via ffmpeg. */
export async function listX11(ctx: ListingContext): Promise<BackendResult> {
  const raw = ctx.env.DISPLAY;
  const display = parseX11Display(raw);
  if (!display) {
    return unavailable(
      'x11grab',
      raw
        ? `X11 screen capture: DISPLAY="${raw}" is not an X display name`
        : 'X11 screen capture: no X display (DISPLAY is not set)',
    );
  }
  const [xdpyinfo] = x11ScreenCommands(`${display.host}:${display.number}`);
  const a = xdpyinfo ? await ctx.run(xdpyinfo) : null;
  if (a && a.error === null) {
    const screens = parseXdpyinfoScreens(a.stdout);
    if (a.code === 0 && screens.length > 0) {
      return available(
        'x11grab',
        screens.map((s) => x11ScreenDevice(display, s.screen, s)),
      );
    }
    const why = x11OpenError(a.text);
    if (why) return unavailable('x11grab', `X11 screen capture: ${why}`);
  }
  const screen = display.screen ?? 0;
  // Polling without xdpyinfo: a screen already measured is not grabbed again.
  const known = ctx.knownModes(x11ScreenDevice(display, screen, null))?.[0];
  if (known) return available('x11grab', [x11ScreenDevice(display, screen, known)]);
  const grab = x11ScreenCommands(x11ScreenName(display, screen))[1];
  const b = grab ? await ctx.run(grab) : null;
  if (b && b.error === null) {
    const why = x11OpenError(b.text);
    if (why) return unavailable('x11grab', `X11 screen capture: ${why}`);
  }
  // A timeout leaves the size unknown: the screen is still offered.
  return available('x11grab', [x11ScreenDevice(display, screen, b ? parseGrabbedVideoSize(b.text) : null)]);
}

/** JACK clients are not enumerated: a device source names its client. */
export function listJack(): BackendResult {
  return available(
    'jack',
    [],
    'JACK: clients are not listed; a device source names its JACK client as "jack:CLIENT"',
  );
}
