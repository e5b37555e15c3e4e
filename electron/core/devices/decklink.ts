// Blackmagic DeckLink. Device enumeration comes from `ffmpeg -sources decklink` (sources.ts) on
// current builds, or from the old `-f decklink -list_devices 1 -i dummy`:
//   [decklink @ 0x…] Blackmagic DeckLink devices:
//   [decklink @ 0x…]  'DeckLink SDI'
// Modes come from `-f decklink -list_formats 1 -i NAME`:
//   [decklink @ 0x…] Supported formats for 'DeckLink Mini Recorder 4K':
//   	format_code	description
//   	Hp30		1920x1080 at 30000/1000 fps
//   	Hi59		1920x1080 at 30000/1001 fps (interlaced, upper field first)
// Older ffmpeg numbered the modes ("  8       1920x1080 at 30000/1000 fps", used as NAME@8).
// Pastes turn the tabs into spaces; both are accepted.
import type { CaptureDevice, DeviceMode } from '../../shared/devices.js';
import { makeDeviceId, parseRate, roundRate, splitLines, stripLogPrefix, uniqueById } from './text.js';

const DEVICES_HEADER = /Blackmagic DeckLink (?:input )?devices:?\s*$/i;
const DEVICE_LINE = /^\s*'(.+)'\s*$/;
const MODE_LINE = /^\s*(\S{1,4})\s+(\d+)x(\d+) at (\d+(?:\/\d+)?) fps(?: \(([^)]*)\))?\s*$/;

/** Devices from the legacy `-list_devices 1` output; the display name is all it gives. */
export function parseDecklinkDevices(text: unknown): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  let inList = false;
  for (const line of splitLines(text)) {
    const { rest, prefixed } = stripLogPrefix(line);
    if (DEVICES_HEADER.test(rest)) {
      inList = true;
      continue;
    }
    const m = inList && prefixed ? DEVICE_LINE.exec(rest) : null;
    if (!m?.[1]) {
      if (prefixed && rest.trim() !== '') inList = false;
      continue;
    }
    devices.push({
      id: makeDeviceId('decklink', m[1]),
      name: m[1],
      backend: 'decklink',
      kind: 'video',
      modes: [],
      input: m[1],
      details: { displayName: m[1] },
    });
  }
  return uniqueById(devices);
}

/** The device name a `-list_formats` output is about, when it says so. */
export function decklinkFormatsDeviceName(text: unknown): string | null {
  for (const line of splitLines(text)) {
    const m = /Supported formats for '(.+)':/.exec(line);
    if (m?.[1]) return m[1];
  }
  return null;
}

export function parseDecklinkFormats(text: unknown): DeviceMode[] {
  const modes: DeviceMode[] = [];
  let inList = false;
  for (const line of splitLines(text)) {
    const { rest } = stripLogPrefix(line);
    if (/Supported formats for '/.test(rest)) {
      inList = true;
      continue;
    }
    if (!inList) continue;
    const m = MODE_LINE.exec(rest);
    if (!m?.[1] || !m[2] || !m[3] || !m[4]) continue;
    const rate = parseRate(m[4]);
    if (rate === null) continue;
    const interlaced = /interlaced/i.test(m[5] ?? '');
    modes.push({
      width: Number(m[2]),
      height: Number(m[3]),
      fps: [roundRate(rate)],
      codec: 'raw',
      // DeckLink captures 8-bit 4:2:2 by default (`-raw_format uyvy422`).
      pixelFormat: 'uyvy422',
      interlaced,
      // "pal " is printed with its FourCC padding; ffmpeg pads a short -format_code itself.
      formatCode: m[1],
      fpsRational: m[4],
    });
  }
  return modes;
}
