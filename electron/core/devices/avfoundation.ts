// AVFoundation (macOS): `ffmpeg -f avfoundation -list_devices true -i ""`.
//   [AVFoundation indev @ 0x7f…] AVFoundation video devices:
//   [AVFoundation indev @ 0x7f…] [0] FaceTime HD Camera (Built-in)
//   [AVFoundation indev @ 0x7f…] [1] Capture screen 0
//   [AVFoundation indev @ 0x7f…] AVFoundation audio devices:
//   [AVFoundation indev @ 0x7f…] [0] Cam Link 4K
// Older builds say "AVFoundation input device"; some pastes lose the first prefix.
import type { CaptureDevice, DeviceKind } from '../../shared/devices.js';
import { makeDeviceId, splitLines, stripLogPrefix, uniqueById } from './text.js';

const HEADER = /AVFoundation (video|audio) devices:?\s*$/i;
const ENTRY = /^\s*\[(\d+)\] (.+?)\s*$/;
const SCREEN = /^Capture screen (\d+)$/;

// Virtual loopback drivers commonly used to capture the Mac's own playback.
const LOOPBACK_NAME = /blackhole|soundflower|loopback audio|background music/i;

export function parseAvfoundationDevices(text: unknown): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  let section: DeviceKind | null = null;
  for (const line of splitLines(text)) {
    const { rest, prefixed } = stripLogPrefix(line);
    const header = HEADER.exec(rest);
    if (header?.[1]) {
      section = header[1].toLowerCase() === 'video' ? 'video' : 'audio';
      continue;
    }
    // Entries only count inside a section and with ffmpeg's prefix; NSLog noise has neither.
    const entry = prefixed && section ? ENTRY.exec(rest) : null;
    if (!section || !entry?.[1] || !entry[2]) continue;
    const index = Number(entry[1]);
    const name = entry[2];
    const screen = section === 'video' ? SCREEN.exec(name) : null;
    devices.push({
      // Indexes shift when a device is plugged in; the name is the stable key AVFoundation gives.
      id: makeDeviceId('avfoundation', `${section}:${name}`),
      name,
      backend: 'avfoundation',
      kind: section,
      modes: [],
      // avfoundation takes "VIDEO:AUDIO" by name or index; "none" leaves the other side empty.
      input: section === 'video' ? `${name}:none` : `none:${name}`,
      ...(section === 'audio' && LOOPBACK_NAME.test(name) ? { monitor: true } : {}),
      details: { index, ...(screen?.[1] ? { screen: true, screenIndex: Number(screen[1]) } : {}) },
    });
  }
  return uniqueById(devices);
}
