// X11 screens as capture devices (x11grab). The display comes from $DISPLAY; its screens and their
// sizes from `xdpyinfo -display D`:
//   screen #0:
//     dimensions:    1280x720 pixels (325x183 millimeters)
// or, without xdpyinfo, from the input line of `ffmpeg -f x11grab -i D -frames:v 1 -f null -`:
//   Stream #0:0: Video: rawvideo (BGR[0] / 0x524742), bgr0, 1280x720, 883852 kb/s, 29.97 fps, …
// The id is the display and screen, "x11grab::99.0": the same X server gives the same id.
import type { CaptureDevice } from '../../shared/devices.js';
import { makeDeviceId, parseSize, splitLines, stripLogPrefix } from './text.js';

export interface X11Display {
  /** "" for the local server, "localhost", "unix", or a launchd socket path (XQuartz). */
  host: string;
  number: number;
  /** The screen named in $DISPLAY, or null when it names none (":0"). */
  screen: number | null;
}

export interface ScreenSize {
  screen: number;
  width: number;
  height: number;
}

/** ":99" → {host: "", number: 99, screen: null}; "localhost:10.0" → screen 0; null if not a display name. */
export function parseX11Display(display: string | undefined): X11Display | null {
  const m = /^(.*):(\d+)(?:\.(\d+))?$/.exec((display ?? '').trim());
  if (!m?.[2]) return null;
  return { host: m[1] ?? '', number: Number(m[2]), screen: m[3] === undefined ? null : Number(m[3]) };
}

/** Every screen of the display with its size, from xdpyinfo; empty when the text has none. */
export function parseXdpyinfoScreens(text: unknown): ScreenSize[] {
  const screens: ScreenSize[] = [];
  let screen: number | null = null;
  for (const line of splitLines(text)) {
    const header = /^screen #(\d+):\s*$/.exec(line);
    if (header?.[1]) {
      screen = Number(header[1]);
      continue;
    }
    const dims = screen === null ? null : /^\s+dimensions:\s+(\d+x\d+) pixels/.exec(line);
    const size = dims?.[1] ? parseSize(dims[1]) : null;
    if (size && screen !== null) {
      screens.push({ screen, ...size });
      screen = null;
    }
  }
  return screens;
}

/** The size of the first video stream ffmpeg opened (x11grab, gdigrab), or null. */
export function parseGrabbedVideoSize(text: unknown): { width: number; height: number } | null {
  for (const line of splitLines(text)) {
    const { rest } = stripLogPrefix(line);
    if (!/^\s*Stream #\d+:\d+.*: Video: /.test(rest)) continue;
    const m = /, (\d{1,5}x\d{1,5})(?=[,\s[]|$)/.exec(rest);
    const size = m?.[1] ? parseSize(m[1]) : null;
    if (size) return size;
  }
  return null;
}

/** Why the display cannot be opened, in xdpyinfo's or ffmpeg's words; null when the text says nothing of it. */
export function x11OpenError(text: unknown): string | null {
  for (const line of splitLines(text)) {
    const { rest } = stripLogPrefix(line);
    if (/unable to open display|Cannot open display/i.test(rest)) return rest.trim();
  }
  return null;
}

/** "host:N.S" as x11grab takes it. */
export function x11ScreenName(display: X11Display, screen: number): string {
  return `${display.host}:${display.number}.${screen}`;
}

export function x11ScreenDevice(
  display: X11Display,
  screen: number,
  size: { width: number; height: number } | null,
): CaptureDevice {
  const input = x11ScreenName(display, screen);
  return {
    id: makeDeviceId('x11grab', input),
    name: `X11 screen ${input}${size ? ` (${size.width}x${size.height})` : ''}`,
    backend: 'x11grab',
    kind: 'video',
    // x11grab takes any rate; the size is the screen's.
    modes: size
      ? [{ width: size.width, height: size.height, fps: [], codec: 'raw', pixelFormat: 'bgr0' }]
      : [],
    input,
    ...((display.screen ?? 0) === screen ? { isDefault: true } : {}),
    details: { display: `${display.host}:${display.number}`, screen },
  };
}
