import { describe, expect, it } from 'vitest';
import { allocFrame, compose } from '../../../native/index.js';
import { bandOps, clockText, decodeBand } from '../../../electron/core/mixer/timestamp-band.js';

describe('timestamp band', () => {
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
    [640, 360],
  ] as const) {
    it(`draws a clock that reads back from the pixels at ${w}x${h}`, () => {
      const frame = allocFrame(w, h);
      for (const t of [
        new Date(2026, 10, 21, 9, 5, 7, 89).getTime(),
        new Date(2026, 10, 21, 23, 59, 58, 999).getTime(),
      ]) {
        compose(frame, bandOps(w, h, t));
        const d = new Date(t);
        const expected =
          ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
        expect(decodeBand(w, h, (x, y) => frame.data[y * w + x] ?? 0)).toBe(expected);
      }
    });
  }

  it('formats HH:MM:SS.mmm and refuses an empty frame', () => {
    expect(clockText(new Date(2026, 0, 1, 7, 8, 9, 5).getTime())).toBe('07:08:09.005');
    const frame = allocFrame(640, 360);
    expect(decodeBand(640, 360, (x, y) => frame.data[y * 640 + x] ?? 0)).toBeNull();
  });
});
