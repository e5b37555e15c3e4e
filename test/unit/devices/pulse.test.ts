import { describe, expect, it } from 'vitest';
import { parsePactlJsonSources, parsePactlSources } from '../../../electron/core/devices/pulse.js';
import { parseFfmpegSourceList, parseFfmpegSources } from '../../../electron/core/devices/sources.js';
import { fixture, GARBAGE } from './fixture.js';

describe('parsePactlSources (text)', () => {
  it('reads monitors and inputs captured from a real pactl 16.1 (null sinks/source)', () => {
    const devices = parsePactlSources(fixture('pulse/local-pactl-list-sources.txt'));
    expect(devices.map((d) => [d.id, d.name, d.monitor ?? false])).toEqual([
      ['pulse:stage_mix.monitor', 'Monitor of Stage_Mix', true],
      ['pulse:regie_pgm.monitor', 'Monitor of Régie_Programme', true],
      ['pulse:null_input', 'Null Input', false],
    ]);
    expect(devices[0]!.details).toMatchObject({ monitorOf: 'stage_mix', sampleSpec: 's16le 2ch 44100Hz' });
    expect(devices[2]!.input).toBe('null_input');
  });

  it('flags the built-in monitor and keeps a source cut off after its name', () => {
    const devices = parsePactlSources(fixture('pulse/pactl-list-sources-builtin-excerpt.txt'));
    expect(devices.map((d) => [d.name, d.monitor ?? false])).toEqual([
      ['Monitor of Built-in Audio Analog Stereo', true],
      ['alsa_input.pci-0000_00_1f.3.analog-stereo', false],
    ]);
    expect(devices[0]!.details).toMatchObject({
      busPath: 'pci-0000:00:1f.3',
      monitorOf: 'alsa_output.pci-0000_00_1f.3.analog-stereo',
    });
  });

  it('reads a USB input from an excerpt without its "Source #" line', () => {
    const [usb] = parsePactlSources(fixture('pulse/pactl-list-sources-usb-generalplus-excerpt.txt'));
    expect(usb).toMatchObject({
      id: 'pulse:alsa_input.usb-Generalplus_Usb_Audio_Device_13662631792-00.mono-fallback',
      name: 'Usb Audio Device Mono',
      kind: 'audio',
      details: { busPath: 'pci-0000:02:00.0-usb-0:1:1.0', sampleSpec: 's16le 1ch 44100Hz' },
    });
    expect(usb!.monitor).toBeUndefined();
  });

  it('recognises the monitor of a USB interface (Steinberg UR44, PipeWire)', () => {
    const [ur44] = parsePactlSources(fixture('pulse/pactl-list-sources-steinberg-ur44-excerpt.txt'));
    expect(ur44).toMatchObject({ name: 'Monitor of Steinberg UR44 Direct Steinberg UR44', monitor: true });
    expect(ur44!.details?.sampleSpec).toBe('s24le 4ch 48000Hz');
  });
});

describe('parsePactlJsonSources', () => {
  it('reads pactl -f json, falling back when pactl prints "(null)" for a non-ASCII description', () => {
    const devices = parsePactlJsonSources(fixture('pulse/local-pactl-json-list-sources.txt'));
    expect(devices.map((d) => [d.id, d.name, d.monitor ?? false, d.details?.index])).toEqual([
      ['pulse:stage_mix.monitor', 'Monitor of Stage_Mix', true, 0],
      ['pulse:regie_pgm.monitor', 'Monitor of regie_pgm', true, 1],
      ['pulse:null_input', 'Null Input', false, 2],
    ]);
  });

  it('returns [] for text that is not a JSON array, and skips malformed entries', () => {
    expect(parsePactlJsonSources(fixture('pulse/local-pactl-list-sources.txt'))).toEqual([]);
    expect(parsePactlJsonSources('{"name":"x"}')).toEqual([]);
    expect(
      parsePactlJsonSources('[{"index":1},{"name":"ok_source","description":"OK"},null,7]').map(
        (d) => d.name,
      ),
    ).toEqual(['OK']);
  });
});

describe('ffmpeg -sources pulse', () => {
  it('reads names, descriptions, the default marker and the media-type suffix (real ffmpeg 5.1)', () => {
    const list = parseFfmpegSourceList(fixture('pulse/local-ffmpeg-sources-pulse.txt'));
    expect(list.backend).toBe('pulse');
    expect(list.sources).toEqual([
      { name: 'stage_mix.monitor', description: 'Monitor of Stage_Mix', isDefault: false, mediaTypes: [] },
      {
        name: 'regie_pgm.monitor',
        description: 'Monitor of Régie_Programme',
        isDefault: false,
        mediaTypes: [],
      },
      { name: 'null_input', description: 'Null Input', isDefault: true, mediaTypes: [] },
    ]);
    const devices = parseFfmpegSources(fixture('pulse/local-ffmpeg-sources-pulse.txt'), 'pulse');
    expect(devices.map((d) => [d.id, d.kind, d.monitor ?? false, d.isDefault ?? false])).toEqual([
      ['pulse:stage_mix.monitor', 'audio', true, false],
      ['pulse:regie_pgm.monitor', 'audio', true, false],
      ['pulse:null_input', 'audio', false, true],
    ]);
  });

  it('reports the error when no sound server runs', () => {
    const list = parseFfmpegSourceList(fixture('pulse/local-ffmpeg-sources-pulse-no-server.txt'));
    expect(list).toEqual({ backend: 'pulse', sources: [], error: 'Generic error in an external library' });
  });

  it('never throws on garbage', () => {
    for (const g of GARBAGE) {
      expect(parsePactlSources(g)).toEqual([]);
      expect(parsePactlJsonSources(g)).toEqual([]);
      expect(parseFfmpegSources(g, 'pulse')).toEqual([]);
    }
  });
});
