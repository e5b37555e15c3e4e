import { describe, expect, it } from 'vitest';
import {
  deviceListCommands,
  ffmpegDevicesCommand,
  modeListCommands,
} from '../../../electron/core/devices/commands.js';
import { DeviceBackendSchema } from '../../../electron/shared/devices.js';

describe('listing commands', () => {
  it('are argv arrays naming their parser', () => {
    expect(ffmpegDevicesCommand.args).toEqual(['-hide_banner', '-devices']);
    expect(deviceListCommands('dshow')[0]?.args).toEqual([
      '-hide_banner',
      '-list_devices',
      'true',
      '-f',
      'dshow',
      '-i',
      'dummy',
    ]);
    expect(deviceListCommands('avfoundation')[0]?.args.at(-1)).toBe('');
    expect(deviceListCommands('decklink').map((c) => c.parser)).toEqual([
      'parseFfmpegSources',
      'parseDecklinkDevices',
    ]);
    expect(deviceListCommands('pulse')[0]).toEqual({
      program: 'pactl',
      args: ['-f', 'json', 'list', 'sources'],
      env: { LC_ALL: 'C' },
      parser: 'parsePactlJsonSources',
    });
  });

  it('pass device names as single arguments, spaces and quotes included', () => {
    expect(modeListCommands('decklink', 'DeckLink Mini Recorder (2)')[0]?.args).toEqual([
      '-hide_banner',
      '-f',
      'decklink',
      '-list_formats',
      '1',
      '-i',
      'DeckLink Mini Recorder (2)',
    ]);
    expect(modeListCommands('dshow', 'video=Mic "Stage Left" (USB)')[0]?.args.at(-1)).toBe(
      'video=Mic "Stage Left" (USB)',
    );
    expect(modeListCommands('v4l2', '/dev/video2').map((c) => c.program)).toEqual(['v4l2-ctl', 'ffmpeg']);
  });

  it('exist (possibly empty) for every backend', () => {
    for (const b of DeviceBackendSchema.options) {
      expect(Array.isArray(deviceListCommands(b))).toBe(true);
      expect(Array.isArray(modeListCommands(b, 'x'))).toBe(true);
    }
  });
});
