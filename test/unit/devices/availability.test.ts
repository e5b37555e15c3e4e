import { describe, expect, it } from 'vitest';
import {
  backendStatusesFromDevices,
  backendStatusFromError,
  parseFfmpegInputDevices,
} from '../../../electron/core/devices/availability.js';
import { BackendStatusSchema } from '../../../electron/shared/devices.js';
import { fixture, GARBAGE } from './fixture.js';

describe('backend availability', () => {
  it("reads Debian 12's ffmpeg 5.1 device table", () => {
    const text = fixture('ffmpeg/local-debian12-ffmpeg5.1-devices.txt');
    const names = parseFfmpegInputDevices(text);
    expect([...names].sort()).toEqual(
      [
        'alsa',
        'fbdev',
        'iec61883',
        'jack',
        'kmsgrab',
        'lavfi',
        'libcdio',
        'libdc1394',
        'openal',
        'oss',
        'pulse',
        'v4l2',
        'video4linux2',
        'x11grab',
      ].sort(),
    );
    const statuses = backendStatusesFromDevices(text);
    expect(statuses.filter((s) => s.available).map((s) => s.backend)).toEqual([
      'v4l2',
      'pulse',
      'alsa',
      'jack',
      'x11grab',
    ]);
    expect(statuses.find((s) => s.backend === 'decklink')).toEqual({
      backend: 'decklink',
      available: false,
      reason:
        'DeckLink: this ffmpeg was built without DeckLink support; choose a DeckLink-enabled ffmpeg in settings',
    });
    expect(statuses.find((s) => s.backend === 'dshow')?.reason).toBe(
      'DirectShow: only available in a Windows build of ffmpeg',
    );
    for (const s of statuses) expect(BackendStatusSchema.safeParse(s).success).toBe(true);
  });

  it('turns "Unknown input format" into an operator sentence, for the right backend only', () => {
    expect(
      backendStatusFromError('decklink', fixture('decklink/local-debian12-unknown-input-format.txt')),
    ).toEqual({
      backend: 'decklink',
      available: false,
      reason:
        'DeckLink: this ffmpeg was built without DeckLink support; choose a DeckLink-enabled ffmpeg in settings',
    });
    expect(
      backendStatusFromError('avfoundation', fixture('avfoundation/local-debian12-unknown-input-format.txt'))
        ?.reason,
    ).toBe('AVFoundation: only available in a macOS build of ffmpeg');
    expect(
      backendStatusFromError('dshow', fixture('decklink/local-debian12-unknown-input-format.txt')),
    ).toBeNull();
    expect(backendStatusFromError('v4l2', "[in#0 @ 0x55] Unknown input format: 'v4l2'")?.available).toBe(
      false,
    );
  });

  it('explains a missing sound server and a missing DeckLink driver', () => {
    expect(
      backendStatusFromError('pulse', fixture('pulse/local-ffmpeg-sources-pulse-no-server.txt')),
    ).toEqual({
      backend: 'pulse',
      available: false,
      reason:
        'PulseAudio: no PulseAudio/PipeWire sound server could be reached (Generic error in an external library)',
    });
    expect(
      backendStatusFromError('decklink', '[decklink @ 0x1] Could not create DeckLink iterator.')?.reason,
    ).toMatch(/Desktop Video driver/);
  });

  it('says nothing about a listing that simply found no device', () => {
    expect(backendStatusFromError('v4l2', fixture('v4l2/local-debian12-no-device.txt'))).toBeNull();
    expect(
      backendStatusFromError('decklink', fixture('decklink/sources-ultrastudio-express.txt')),
    ).toBeNull();
  });

  it('marks every backend unknown, not crashed, when the table is garbage', () => {
    for (const g of GARBAGE) {
      const statuses = backendStatusesFromDevices(g);
      expect(statuses).toHaveLength(9);
      expect(statuses.every((s) => !s.available && /could not read/.test(s.reason ?? ''))).toBe(true);
      expect(backendStatusFromError('decklink', g)).toBeNull();
    }
  });
});
