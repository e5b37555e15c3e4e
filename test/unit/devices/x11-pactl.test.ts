// X11 screen parsers (xdpyinfo, ffmpeg x11grab) and the `pactl subscribe` line parser, on captured output.
import { describe, expect, it } from 'vitest';
import { backendsForPactlEvent, parsePactlEvent } from '../../../electron/core/devices/pactl-events.js';
import {
  parseGrabbedVideoSize,
  parseX11Display,
  parseXdpyinfoScreens,
  x11OpenError,
  x11ScreenDevice,
} from '../../../electron/core/devices/x11.js';
import { splitLines } from '../../../electron/core/devices/text.js';
import { fixture, GARBAGE } from './fixture.js';

describe('X11 screens', () => {
  it('reads every screen and its size from xdpyinfo', () => {
    expect(parseXdpyinfoScreens(fixture('x11/local-xdpyinfo-xvfb-two-screens-excerpt.txt'))).toEqual([
      { screen: 0, width: 1280, height: 720 },
      { screen: 1, width: 1920, height: 1080 },
    ]);
  });

  it('reads the grabbed size from ffmpeg, and the cannot-open errors of both tools', () => {
    expect(parseGrabbedVideoSize(fixture('x11/local-ffmpeg-x11grab-frame.txt'))).toEqual({
      width: 1920,
      height: 1080,
    });
    expect(parseGrabbedVideoSize(fixture('x11/local-ffmpeg-x11grab-no-display.txt'))).toBeNull();
    expect(x11OpenError(fixture('x11/local-ffmpeg-x11grab-no-display.txt'))).toBe(
      'Cannot open display :132, error 1.',
    );
    expect(x11OpenError(fixture('x11/local-xdpyinfo-no-display.txt'))).toBe(
      'xdpyinfo:  unable to open display ":132".',
    );
    expect(x11OpenError(fixture('x11/local-ffmpeg-x11grab-frame.txt'))).toBeNull();
  });

  it('parses display names and makes one stable id per display and screen', () => {
    expect(parseX11Display(':99')).toEqual({ host: '', number: 99, screen: null });
    expect(parseX11Display('localhost:10.1')).toEqual({ host: 'localhost', number: 10, screen: 1 });
    expect(parseX11Display('/private/tmp/com.apple.launchd.x/org.xquartz:0')?.number).toBe(0);
    expect(parseX11Display('')).toBeNull();
    expect(parseX11Display('wayland-0')).toBeNull();
    const d = parseX11Display(':99');
    if (!d) throw new Error('no display');
    expect(x11ScreenDevice(d, 0, { width: 1280, height: 720 })).toEqual({
      id: 'x11grab::99.0',
      name: 'X11 screen :99.0 (1280x720)',
      backend: 'x11grab',
      kind: 'video',
      modes: [{ width: 1280, height: 720, fps: [], codec: 'raw', pixelFormat: 'bgr0' }],
      input: ':99.0',
      isDefault: true,
      details: { display: ':99', screen: 0 },
    });
    expect(x11ScreenDevice(d, 1, null)).toMatchObject({ id: 'x11grab::99.1', modes: [] });
  });

  it('survive garbage', () => {
    for (const g of GARBAGE) {
      expect(() => parseXdpyinfoScreens(g)).not.toThrow();
      expect(() => parseGrabbedVideoSize(g)).not.toThrow();
      expect(() => x11OpenError(g)).not.toThrow();
    }
  });
});

describe('pactl subscribe events', () => {
  it('reads a load and an unload of a null sink as it was printed', () => {
    const events = splitLines(fixture('pulse/local-pactl-subscribe-load-unload.txt')).map(parsePactlEvent);
    expect(events.every((e) => e !== null)).toBe(true);
    const sources = events.filter((e) => e?.facility === 'source');
    expect(sources).toContainEqual({ type: 'new', facility: 'source', index: 1 });
    expect(sources).toContainEqual({ type: 'remove', facility: 'source', index: 1 });
    // Only source (and card) appearances and removals ask for an enumeration.
    const wanted = events.flatMap((e) => (e ? backendsForPactlEvent(e) : []));
    expect(wanted).toEqual(['pulse', 'pulse']);
  });

  it('maps cards to pulse and ALSA, ignores changes and everything that is not an event line', () => {
    expect(backendsForPactlEvent({ type: 'new', facility: 'card', index: 3 })).toEqual(['pulse', 'alsa']);
    expect(backendsForPactlEvent({ type: 'change', facility: 'source', index: 3 })).toEqual([]);
    expect(backendsForPactlEvent({ type: 'remove', facility: 'sink-input', index: 3 })).toEqual([]);
    expect(parsePactlEvent("Event 'remove' on sink-input #42")).toEqual({
      type: 'remove',
      facility: 'sink-input',
      index: 42,
    });
    for (const line of [
      '',
      'Event new on source #1',
      "Evénement 'new' sur source #1",
      "Event 'new' on source",
    ]) {
      expect(parsePactlEvent(line)).toBeNull();
    }
  });
});
