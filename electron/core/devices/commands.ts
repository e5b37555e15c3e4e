// The commands whose output the parsers in this folder read, as argv arrays (STYLE.md 7).
// Nothing here runs them; the device service does, with a timeout, and feeds stdout+stderr back.
import type { DeviceBackend } from '../../shared/devices.js';

export interface ListingCommand {
  /** "ffmpeg" stands for the configured ffmpeg binary. */
  program: 'ffmpeg' | 'pactl' | 'arecord' | 'v4l2-ctl' | 'xdpyinfo';
  args: string[];
  /** pactl and arecord translate their text output; the parsers read the C locale. */
  env?: Readonly<Record<string, string>>;
  /** Which parser reads the output. */
  parser: string;
}

const C_LOCALE = { LC_ALL: 'C' } as const;

/** Which input devices this ffmpeg has (parser: backendStatusesFromDevices). */
export const ffmpegDevicesCommand: ListingCommand = {
  program: 'ffmpeg',
  args: ['-hide_banner', '-devices'],
  parser: 'backendStatusesFromDevices',
};

/** The commands that enumerate a backend's devices, most preferred first. */
export function deviceListCommands(backend: DeviceBackend): ListingCommand[] {
  switch (backend) {
    case 'dshow':
      return [
        {
          program: 'ffmpeg',
          args: ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'],
          parser: 'parseDshowDevices',
        },
      ];
    case 'avfoundation':
      return [
        {
          program: 'ffmpeg',
          args: ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', ''],
          parser: 'parseAvfoundationDevices',
        },
      ];
    case 'decklink':
      return [
        { program: 'ffmpeg', args: ['-hide_banner', '-sources', 'decklink'], parser: 'parseFfmpegSources' },
        {
          program: 'ffmpeg',
          args: ['-hide_banner', '-f', 'decklink', '-list_devices', '1', '-i', 'dummy'],
          parser: 'parseDecklinkDevices',
        },
      ];
    case 'pulse':
      return [
        {
          program: 'pactl',
          args: ['-f', 'json', 'list', 'sources'],
          env: C_LOCALE,
          parser: 'parsePactlJsonSources',
        },
        { program: 'pactl', args: ['list', 'sources'], env: C_LOCALE, parser: 'parsePactlSources' },
        { program: 'ffmpeg', args: ['-hide_banner', '-sources', 'pulse'], parser: 'parseFfmpegSources' },
      ];
    case 'alsa':
      return [{ program: 'arecord', args: ['-l'], env: C_LOCALE, parser: 'parseArecordList' }];
    case 'v4l2':
      // Nodes and names come from sysfs (readV4l2Sysfs); this is the fallback listing.
      return [
        { program: 'ffmpeg', args: ['-hide_banner', '-sources', 'v4l2'], parser: 'parseFfmpegSources' },
      ];
    case 'jack':
    case 'x11grab':
    case 'gdigrab':
      return [];
  }
}

/** The commands that list one device's modes. `device` is the CaptureDevice's `input`. */
export function modeListCommands(backend: DeviceBackend, device: string): ListingCommand[] {
  switch (backend) {
    case 'dshow':
      return [
        {
          program: 'ffmpeg',
          args: ['-hide_banner', '-f', 'dshow', '-list_options', 'true', '-i', device],
          parser: 'parseDshowOptions',
        },
      ];
    case 'v4l2':
      return [
        {
          program: 'v4l2-ctl',
          args: ['-d', device, '--list-formats-ext'],
          env: C_LOCALE,
          parser: 'parseV4l2CtlFormats',
        },
        {
          program: 'ffmpeg',
          args: ['-hide_banner', '-f', 'v4l2', '-list_formats', 'all', '-i', device],
          parser: 'parseV4l2Formats',
        },
      ];
    case 'decklink':
      return [
        {
          program: 'ffmpeg',
          args: ['-hide_banner', '-f', 'decklink', '-list_formats', '1', '-i', device],
          parser: 'parseDecklinkFormats',
        },
      ];
    case 'avfoundation':
    case 'pulse':
    case 'alsa':
    case 'jack':
    case 'x11grab':
    case 'gdigrab':
      return [];
  }
}

/**
 * The screens of an X display and their sizes: xdpyinfo lists every screen; without it, ffmpeg grabs
 * one frame of the display's screen and prints its size.
 */
export function x11ScreenCommands(display: string): ListingCommand[] {
  return [
    { program: 'xdpyinfo', args: ['-display', display], env: C_LOCALE, parser: 'parseXdpyinfoScreens' },
    screenGrabCommand('x11grab', display),
  ];
}

/** One frame of a screen, thrown away: ffmpeg prints the screen's size (parser: parseGrabbedVideoSize). */
export function screenGrabCommand(format: 'x11grab' | 'gdigrab', input: string): ListingCommand {
  return {
    program: 'ffmpeg',
    args: ['-hide_banner', '-nostdin', '-f', format, '-i', input, '-frames:v', '1', '-f', 'null', '-'],
    parser: 'parseGrabbedVideoSize',
  };
}
