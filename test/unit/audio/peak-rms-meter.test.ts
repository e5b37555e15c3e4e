import { describe, expect, it } from 'vitest';
import { PeakRmsMeter } from '../../../electron/core/audio/dsp/peak-rms-meter.js';
import { TruePeakMeter } from '../../../electron/core/audio/dsp/true-peak-meter.js';
import { concat, interleave, pushInChunks, sine } from './signals.js';

describe('PeakRmsMeter', () => {
  it.each([0, -6, -20, -40])('a 1 kHz sine at %d dBFS peak reads that peak and RMS 3.01 dB lower', (db) => {
    const meter = new PeakRmsMeter();
    pushInChunks(meter, sine({ frequency: 1000, peakDb: db, seconds: 1 }), 512);
    for (const level of meter.read()) {
      expect(Math.abs(level.peak - db)).toBeLessThan(0.1);
      expect(Math.abs(level.rms - (db - 3.0103))).toBeLessThan(0.1);
      expect(Math.abs(level.hold - db)).toBeLessThan(0.1);
    }
  });

  it('meters each channel on its own (997 Hz at -12 on the left, 440 Hz at -30 on the right)', () => {
    const left = sine({ frequency: 997, peakDb: -12, seconds: 1, channels: 1 });
    const right = sine({ frequency: 440, peakDb: -30, seconds: 1, channels: 1 });
    const meter = new PeakRmsMeter();
    pushInChunks(meter, interleave([left, right]), 1000);
    const [l, r] = meter.read();
    expect(Math.abs(l!.peak + 12)).toBeLessThan(0.1);
    expect(Math.abs(l!.rms + 15.01)).toBeLessThan(0.1);
    expect(Math.abs(r!.peak + 30)).toBeLessThan(0.1);
    expect(Math.abs(r!.rms + 33.01)).toBeLessThan(0.1);
  });

  it('reads -Infinity on silence', () => {
    const meter = new PeakRmsMeter();
    expect(meter.read()[0]).toEqual({ peak: -Infinity, rms: -Infinity, hold: -Infinity });
    meter.push(new Float32Array(48000));
    expect(meter.read()[1]).toEqual({ peak: -Infinity, rms: -Infinity, hold: -Infinity });
  });

  it('holds the peak for holdMs, then falls back to the current peak', () => {
    const meter = new PeakRmsMeter({ holdMs: 1000 });
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -6, seconds: 0.5 }), 480);
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -30, seconds: 0.8 }), 480);
    let level = meter.read()[0]!;
    expect(Math.abs(level.peak + 30)).toBeLessThan(0.1);
    expect(Math.abs(level.hold + 6)).toBeLessThan(0.1);
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -30, seconds: 0.3 }), 480);
    level = meter.read()[0]!;
    expect(Math.abs(level.hold + 30)).toBeLessThan(0.1);
  });

  it('RMS covers the last 300 ms: a step is fully visible after 300 ms', () => {
    const meter = new PeakRmsMeter();
    meter.push(sine({ frequency: 1000, peakDb: -10, seconds: 1 }));
    meter.push(sine({ frequency: 1000, peakDb: -40, seconds: 0.15 }));
    const mid = meter.read()[0]!.rms; // half the window at each level
    expect(Math.abs(mid - 10 * Math.log10((0.5 * 0.1 + 0.5 * 1e-4) / 2))).toBeLessThan(0.1);
    meter.push(sine({ frequency: 1000, peakDb: -40, seconds: 0.15 }));
    expect(Math.abs(meter.read()[0]!.rms + 43.01)).toBeLessThan(0.1);
  });

  it('gives identical readings whatever the chunk sizes', () => {
    const samples = concat([
      sine({ frequency: 1000, peakDb: -3, seconds: 0.7 }),
      sine({ frequency: 300, peakDb: -25, seconds: 0.4 }),
    ]);
    const a = new PeakRmsMeter();
    a.push(samples);
    const b = new PeakRmsMeter();
    pushInChunks(b, samples, 333);
    expect(b.read()).toEqual(a.read());
  });
});

describe('TruePeakMeter', () => {
  it('finds the inter-sample peak a sample-peak meter misses (fs/4 sine at 45°)', () => {
    const samples = sine({ frequency: 12000, peakDb: 0, seconds: 0.5, phase: Math.PI / 4 });
    const samplePeak = new PeakRmsMeter();
    samplePeak.push(samples);
    const truePeak = new TruePeakMeter();
    pushInChunks(truePeak, samples, 100);
    expect(Math.abs(samplePeak.read()[0]!.peak + 3.01)).toBeLessThan(0.05);
    for (const dbtp of truePeak.read()) expect(Math.abs(dbtp)).toBeLessThan(0.2);
  });

  it('reads the sample peak of a low-frequency sine and -Infinity on silence', () => {
    const meter = new TruePeakMeter();
    expect(meter.read()).toEqual([-Infinity, -Infinity]);
    meter.push(sine({ frequency: 997, peakDb: -6, seconds: 0.5 }));
    for (const dbtp of meter.read()) expect(Math.abs(dbtp + 6)).toBeLessThan(0.05);
  });
});
