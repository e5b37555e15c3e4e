import { describe, expect, it } from 'vitest';
import {
  asoundCardsToDevices,
  parseArecordList,
  parseAsoundCards,
} from '../../../electron/core/devices/alsa.js';
import { parseFfmpegSources } from '../../../electron/core/devices/sources.js';
import { fixture, GARBAGE } from './fixture.js';

describe('parseArecordList', () => {
  it('reads a Focusrite Scarlett 4i4 4th Gen and the onboard codec, keyed on the card id', () => {
    expect(parseArecordList(fixture('alsa/arecord-l-scarlett-4i4.txt'))).toEqual([
      {
        id: 'alsa:hw:CARD=Gen,DEV=0',
        name: 'Scarlett 4i4 4th Gen',
        backend: 'alsa',
        kind: 'audio',
        modes: [],
        input: 'hw:CARD=Gen,DEV=0',
        details: { card: 1, cardId: 'Gen', device: 0, pcmName: 'USB Audio' },
      },
      {
        id: 'alsa:hw:CARD=PCH,DEV=0',
        name: 'HDA Intel PCH: ALC3861 Analog',
        backend: 'alsa',
        kind: 'audio',
        modes: [],
        input: 'hw:CARD=PCH,DEV=0',
        details: { card: 2, cardId: 'PCH', device: 0, pcmName: 'ALC3861 Analog' },
      },
    ]);
  });

  it('reads two PCMs of one card from a quoted paste', () => {
    const devices = parseArecordList(fixture('alsa/arecord-l-quoted-alc887.txt'));
    expect(devices.map((d) => [d.input, d.name])).toEqual([
      ['hw:CARD=Generic,DEV=0', 'HD-Audio Generic: ALC887-VD Analog'],
      ['hw:CARD=Generic,DEV=2', 'HD-Audio Generic: ALC887-VD Alt Analog'],
    ]);
  });

  it('returns [] when arecord finds no sound card', () => {
    expect(parseArecordList(fixture('alsa/local-arecord-no-soundcards.txt'))).toEqual([]);
  });
});

describe('parseAsoundCards', () => {
  it('reads ids, drivers, long names and USB locations (Scarlett 6i6, gap in numbering)', () => {
    const cards = parseAsoundCards(fixture('alsa/proc-asound-cards-scarlett-6i6.txt'));
    expect(cards).toEqual([
      { index: 0, id: 'PCH', driver: 'HDA-Intel', shortName: 'HDA Intel PCH', longName: 'HDA Intel PCH' },
      {
        index: 2,
        id: 'USB',
        driver: 'USB-Audio',
        shortName: 'Scarlett 6i6 USB',
        longName: 'Focusrite Scarlett 6i6 USB',
        location: 'usb-0000:00:14.0-5.4, high speed',
      },
    ]);
    expect(asoundCardsToDevices(cards).map((d) => [d.id, d.name])).toEqual([
      ['alsa:hw:CARD=PCH,DEV=0', 'HDA Intel PCH'],
      ['alsa:hw:CARD=USB,DEV=0', 'Focusrite Scarlett 6i6 USB'],
    ]);
  });

  it('reads three cards with blank lines around them (Scarlett 2i2)', () => {
    const cards = parseAsoundCards(fixture('alsa/proc-asound-cards-scarlett-2i2.txt'));
    expect(cards.map((c) => [c.index, c.id, c.longName])).toEqual([
      [0, 'Intel', 'HDA Intel'],
      [1, 'USB', 'Focusrite Scarlett 2i2 USB'],
      [2, 'Generic', 'HD-Audio Generic'],
    ]);
  });

  it('reads ffmpeg -sources alsa (plugins) and skips the null plugin', () => {
    const devices = parseFfmpegSources(fixture('alsa/local-ffmpeg-sources-alsa.txt'), 'alsa');
    expect(devices.map((d) => d.input)).toEqual([
      'lavrate',
      'samplerate',
      'speexrate',
      'jack',
      'oss',
      'pulse',
      'speex',
      'upmix',
      'vdownmix',
    ]);
    expect(devices.find((d) => d.input === 'pulse')?.name).toBe('PulseAudio Sound Server');
  });

  it('never throws on garbage', () => {
    for (const g of GARBAGE) {
      expect(parseArecordList(g)).toEqual([]);
      expect(parseAsoundCards(g)).toEqual([]);
    }
  });
});
