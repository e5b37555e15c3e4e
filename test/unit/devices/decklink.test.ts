import { describe, expect, it } from 'vitest';
import {
  decklinkFormatsDeviceName,
  parseDecklinkDevices,
  parseDecklinkFormats,
} from '../../../electron/core/devices/decklink.js';
import { parseFfmpegSources } from '../../../electron/core/devices/sources.js';
import { fixture, GARBAGE } from './fixture.js';

describe('parseDecklinkFormats', () => {
  it('reads all 29 modes of a DeckLink Mini Recorder 4K with exact rates and interlacing', () => {
    const text = fixture('decklink/list-formats-mini-recorder-4k.txt');
    expect(decklinkFormatsDeviceName(text)).toBe('DeckLink Mini Recorder 4K');
    const modes = parseDecklinkFormats(text);
    expect(modes).toHaveLength(29);
    expect(modes.find((m) => m.formatCode === 'Hp30')).toEqual({
      width: 1920,
      height: 1080,
      fps: [30],
      codec: 'raw',
      pixelFormat: 'uyvy422',
      interlaced: false,
      formatCode: 'Hp30',
      fpsRational: '30000/1000',
    });
    expect(modes.find((m) => m.formatCode === 'Hi59')).toMatchObject({
      fps: [29.97],
      interlaced: true,
      fpsRational: '30000/1001',
    });
    expect(modes.find((m) => m.formatCode === 'pal')).toMatchObject({
      width: 720,
      height: 576,
      fps: [25],
      interlaced: true,
    });
    expect(modes.at(-1)).toMatchObject({ formatCode: '4d30', width: 4096, height: 2160 });
  });

  it('reads a DeckLink Mini Recorder paste whose tabs became spaces', () => {
    const modes = parseDecklinkFormats(fixture('decklink/list-formats-mini-recorder-spaces-excerpt.txt'));
    expect(modes.map((m) => m.formatCode)).toEqual([
      'ntsc',
      'pal',
      'ntsp',
      'palp',
      '23ps',
      '24ps',
      'Hp25',
      'Hp29',
      'Hp30',
    ]);
    expect(modes.find((m) => m.formatCode === 'ntsp')).toMatchObject({
      width: 720,
      height: 486,
      fps: [59.94],
      interlaced: false,
    });
  });

  it('reads prefixed, tab-indented output (UltraStudio Express) and banners (DeckLink SDI (2))', () => {
    const us = parseDecklinkFormats(fixture('decklink/list-formats-ultrastudio-express-excerpt.txt'));
    expect(us).toHaveLength(11);
    expect(us[1]).toMatchObject({ formatCode: 'nt23', fps: [23.976], fpsRational: '24000/1001' });
    const text = fixture('decklink/list-formats-decklink-sdi-2-banner.txt');
    expect(decklinkFormatsDeviceName(text)).toBe('DeckLink SDI (2)');
    const sdi = parseDecklinkFormats(text);
    expect(sdi).toHaveLength(14);
    expect(sdi.at(-1)).toMatchObject({ formatCode: 'hp60', width: 1280, height: 720, fps: [60] });
  });

  it('reads the legacy numbered modes', () => {
    const modes = parseDecklinkFormats(fixture('decklink/list-formats-old-numeric-decklink-sdi.txt'));
    expect(modes).toHaveLength(14);
    expect(modes[7]).toMatchObject({
      formatCode: '8',
      width: 1920,
      height: 1080,
      fps: [30],
      interlaced: false,
    });
    expect(modes[9]).toMatchObject({ formatCode: '10', fps: [29.97], interlaced: true });
  });
});

describe('DeckLink devices', () => {
  it('reads `-sources decklink`: persistent id as key, display name as label and input', () => {
    expect(parseFfmpegSources(fixture('decklink/sources-ultrastudio-express.txt'), 'decklink')).toEqual([
      {
        id: 'decklink:59:00000000:003bc300',
        name: 'UltraStudio Express',
        backend: 'decklink',
        kind: 'video',
        modes: [],
        input: 'UltraStudio Express',
        details: { sourceName: '59:00000000:003bc300' },
      },
    ]);
    const two = parseFfmpegSources(fixture('decklink/sources-two-decklink-sdi-banner.txt'), 'decklink');
    expect(two.map((d) => [d.id, d.input])).toEqual([
      ['decklink:46:00000000:002e0a00', 'DeckLink SDI (1)'],
      ['decklink:46:00000000:002e0900', 'DeckLink SDI (2)'],
    ]);
  });

  it('reads the legacy `-list_devices 1` output', () => {
    const devices = parseDecklinkDevices(fixture('decklink/list-devices-old-decklink-sdi.txt'));
    expect(devices.map((d) => [d.id, d.name, d.input, d.kind])).toEqual([
      ['decklink:DeckLink SDI', 'DeckLink SDI', 'DeckLink SDI', 'video'],
    ]);
  });

  it('finds nothing in an ffmpeg without DeckLink, and survives garbage', () => {
    const text = fixture('decklink/local-debian12-unknown-input-format.txt');
    expect(parseDecklinkDevices(text)).toEqual([]);
    expect(parseDecklinkFormats(text)).toEqual([]);
    for (const g of GARBAGE) {
      expect(parseDecklinkDevices(g)).toEqual([]);
      expect(parseDecklinkFormats(g)).toEqual([]);
      expect(decklinkFormatsDeviceName(g) === null || typeof decklinkFormatsDeviceName(g) === 'string').toBe(
        true,
      );
    }
  });
});
