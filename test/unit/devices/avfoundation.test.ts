import { describe, expect, it } from 'vitest';
import { parseAvfoundationDevices } from '../../../electron/core/devices/avfoundation.js';
import { fixture, GARBAGE } from './fixture.js';

describe('parseAvfoundationDevices', () => {
  it('reads video devices, screens and audio devices between NSLog noise', () => {
    const devices = parseAvfoundationDevices(fixture('avfoundation/list-devices-camtwist-dv-vcr.txt'));
    expect(devices.filter((d) => d.kind === 'video').map((d) => d.name)).toEqual([
      'CamTwist',
      'FaceTime HD Camera (Built-in)',
      'CamTwist (2VUY)',
      'DV-VCR',
      'Capture screen 0',
    ]);
    expect(devices.filter((d) => d.kind === 'audio').map((d) => d.name)).toEqual([
      'Description',
      'Jaybird Tarah Pro',
      'Built-in Microphone',
    ]);
    const screen = devices.find((d) => d.name === 'Capture screen 0')!;
    expect(screen.details).toEqual({ index: 4, screen: true, screenIndex: 0 });
    expect(screen.id).toBe('avfoundation:video:Capture screen 0');
    expect(screen.input).toBe('Capture screen 0:none');
  });

  it('lists the Cam Link 4K audio side and keeps video/audio ids apart', () => {
    const devices = parseAvfoundationDevices(fixture('avfoundation/list-devices-cam-link-4k-audio.txt'));
    expect(devices.map((d) => d.id)).toEqual([
      'avfoundation:video:FaceTime HD Camera (Built-in)',
      'avfoundation:audio:Cam Link 4K',
      'avfoundation:audio:MacBook Pro Microphone',
    ]);
    expect(devices[1]!.input).toBe('none:Cam Link 4K');
  });

  it('accepts an unprefixed first header and the old "input device" prefix; flags Soundflower', () => {
    const devices = parseAvfoundationDevices(
      fixture('avfoundation/list-devices-first-header-unprefixed.txt'),
    );
    expect(devices).toHaveLength(8);
    expect(devices[1]).toMatchObject({ name: 'Built-in iSight', kind: 'video', details: { index: 1 } });
    expect(devices.filter((d) => d.monitor).map((d) => d.name)).toEqual([
      'Soundflower (64ch)',
      'Soundflower (2ch)',
    ]);
  });

  it('keeps non-ASCII names intact', () => {
    const devices = parseAvfoundationDevices(fixture('avfoundation/list-devices-zh.txt'));
    expect(devices.map((d) => d.name)).toEqual([
      'FaceTime高清摄像头(内建)',
      'Capture screen 0',
      '外置麦克风',
      'MacBook Pro麦克风',
    ]);
  });

  it('returns nothing for an ffmpeg without avfoundation, or garbage', () => {
    expect(parseAvfoundationDevices(fixture('avfoundation/local-debian12-unknown-input-format.txt'))).toEqual(
      [],
    );
    for (const g of GARBAGE) expect(parseAvfoundationDevices(g)).toEqual([]);
  });
});
