// Screen capture per operating system: x11grab (Linux), gdigrab (Windows), avfoundation (macOS).
import { rateOf } from './filters.js';
import type { ProgramFormat } from './types.js';

export type ScreenSize = { width: number; height: number } | undefined;

function sizeOptions(size: ScreenSize): string[] {
  return size ? ['-video_size', `${size.width}x${size.height}`] : [];
}

/** X11: the display as given (":0.0", ":99.0+1920,0" for an offset). */
export function x11grabInput(display: string, p: ProgramFormat, size?: ScreenSize): string[] {
  return [
    '-f',
    'x11grab',
    '-thread_queue_size',
    '32',
    '-draw_mouse',
    '1',
    '-framerate',
    rateOf(p),
    ...sizeOptions(size),
    '-i',
    display,
  ];
}

/** Windows: the whole desktop, or one window by "title=…". An X display name means the desktop. */
export function gdigrabInput(display: string, p: ProgramFormat, size?: ScreenSize): string[] {
  const target = display.startsWith('title=') || display === 'desktop' ? display : 'desktop';
  return [
    '-f',
    'gdigrab',
    '-thread_queue_size',
    '32',
    '-draw_mouse',
    '1',
    '-framerate',
    rateOf(p),
    ...sizeOptions(size),
    '-i',
    target,
  ];
}

/** The AVFoundation device name of a screen: "1" or ":1.0" → "Capture screen 1"; a name is kept. */
export function avfoundationScreenName(display: string): string {
  const index = /^(?::)?(\d+)(?:\.\d+)?$/.exec(display.trim())?.[1];
  return index === undefined ? display : `Capture screen ${index}`;
}

/** macOS: "Capture screen N" as the video device, no audio (uyvy422 is offered by every screen). */
export function avfoundationScreenInput(display: string, p: ProgramFormat): string[] {
  return [
    '-f',
    'avfoundation',
    '-thread_queue_size',
    '32',
    '-capture_cursor',
    '1',
    '-pixel_format',
    'uyvy422',
    '-framerate',
    rateOf(p),
    '-i',
    avfoundationScreenName(display),
  ];
}

export function screenInput(
  display: string,
  p: ProgramFormat,
  platform: NodeJS.Platform,
  size?: ScreenSize,
): string[] {
  if (platform === 'win32') return gdigrabInput(display, p, size);
  if (platform === 'darwin') return avfoundationScreenInput(display, p);
  return x11grabInput(display, p, size); // Linux and the BSDs
}
