// EBU Tech 3341 (loudness) and Tech 3342 (loudness range) compliance cases, with generated signals.
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../../electron/core/audio/dsp/loudness-meter.js';
import { interleave, pushInChunks, sine, toneSequence } from './signals.js';

function measure(samples: Float32Array, chunk = 4800): ReturnType<LoudnessMeter['read']> {
  const meter = new LoudnessMeter();
  pushInChunks(meter, samples, chunk);
  return meter.read();
}

describe('LoudnessMeter, EBU Tech 3341', () => {
  it.each([-23, -33])('case 1/2: 1 kHz stereo sine at %d dBFS reads the same in LUFS (M, S, I)', (db) => {
    const r = measure(sine({ frequency: 1000, peakDb: db, seconds: 20 }));
    expect(Math.abs(r.momentary - db)).toBeLessThan(0.1);
    expect(Math.abs(r.shortTerm - db)).toBeLessThan(0.1);
    expect(Math.abs(r.integrated - db)).toBeLessThan(0.1);
  });

  it('case 3: -36 / -23 / -36 dBFS for 10 / 60 / 10 s gates the quiet parts out: I = -23', () => {
    const r = measure(
      toneSequence([
        [-36, 10],
        [-23, 60],
        [-36, 10],
      ]),
    );
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 4: -72 / -36 / -23 / -36 / -72 dBFS for 10 / 10 / 60 / 10 / 10 s: I = -23', () => {
    const r = measure(
      toneSequence([
        [-72, 10],
        [-36, 10],
        [-23, 60],
        [-36, 10],
        [-72, 10],
      ]),
    );
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 5: -26 / -20 / -26 dBFS for 20 / 20.1 / 20 s: I = -23', () => {
    const r = measure(
      toneSequence([
        [-26, 20],
        [-20, 20.1],
        [-26, 20],
      ]),
    );
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('case 6: 5.0 sine (L R -28, C -24, Ls Rs -30 dBFS) with surround weights 1.41: I = -23', () => {
    const at = (db: number): Float32Array => sine({ frequency: 1000, peakDb: db, seconds: 20, channels: 1 });
    const samples = interleave([at(-28), at(-28), at(-24), at(-30), at(-30)]);
    const meter = new LoudnessMeter({ channels: 5, channelWeights: [1, 1, 1, 1.41, 1.41] });
    pushInChunks(meter, samples, 4800, 5);
    expect(Math.abs(meter.read().integrated + 23)).toBeLessThan(0.1);
  });

  it('20 s each of -36 / -23 / -36 dBFS: the -36 parts pass the relative gate, so I = -27.4', () => {
    // Not a Tech 3341 case: with 40 s of -36 the ungated mean is -27.4, the relative gate -37.4, and the
    // quiet parts count. The expected value is the energy mean 10 log10((E(-23) + 2 E(-36)) / 3).
    const expected = -23 + 10 * Math.log10((1 + 2 * Math.pow(10, -1.3)) / 3);
    const r = measure(
      toneSequence([
        [-36, 20],
        [-23, 20],
        [-36, 20],
      ]),
    );
    expect(Math.abs(r.integrated - expected)).toBeLessThan(0.1);
  });

  it('works at 44.1 kHz', () => {
    const meter = new LoudnessMeter({ sampleRate: 44100 });
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -23, seconds: 10, sampleRate: 44100 }), 1024);
    const r = meter.read();
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
    expect(Math.abs(r.momentary + 23)).toBeLessThan(0.1);
  });
});

describe('LoudnessMeter, EBU Tech 3342 loudness range', () => {
  it.each([
    {
      segments: [
        [-20, 20],
        [-30, 20],
      ],
      lra: 10,
    },
    {
      segments: [
        [-20, 20],
        [-15, 20],
      ],
      lra: 5,
    },
    {
      segments: [
        [-40, 20],
        [-20, 20],
      ],
      lra: 20,
    },
    {
      segments: [
        [-50, 20],
        [-35, 20],
        [-20, 20],
        [-35, 20],
        [-50, 20],
      ],
      lra: 15,
    },
  ] as { segments: [number, number][]; lra: number }[])(
    'case $#: 1 kHz tone steps, LRA = $lra LU ±1',
    ({ segments, lra }) => {
      const r = measure(toneSequence(segments));
      expect(Math.abs(r.lra - lra)).toBeLessThan(1);
    },
  );

  it('a steady tone has an LRA of 0', () => {
    expect(measure(sine({ frequency: 1000, peakDb: -23, seconds: 10 })).lra).toBeLessThan(0.05);
  });
});

describe('LoudnessMeter behaviour', () => {
  it('reads -Infinity (and LRA 0) with no data and with digital silence', () => {
    const meter = new LoudnessMeter();
    expect(meter.read()).toEqual({
      momentary: -Infinity,
      shortTerm: -Infinity,
      integrated: -Infinity,
      lra: 0,
    });
    pushInChunks(meter, new Float32Array(48000 * 2 * 5), 960);
    expect(meter.read()).toEqual({
      momentary: -Infinity,
      shortTerm: -Infinity,
      integrated: -Infinity,
      lra: 0,
    });
  });

  it('momentary follows within 400 ms, short-term within 3 s, integrated keeps the gated history', () => {
    const meter = new LoudnessMeter();
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -23, seconds: 10 }), 1000);
    pushInChunks(meter, new Float32Array(48000 * 2 * 0.5), 1000);
    let r = meter.read();
    expect(r.momentary).toBeLessThan(-70);
    expect(r.shortTerm).toBeGreaterThan(-26);
    pushInChunks(meter, new Float32Array(48000 * 2 * 3), 1000);
    r = meter.read();
    expect(r.shortTerm).toBeLessThan(-70);
    expect(Math.abs(r.integrated + 23)).toBeLessThan(0.1);
  });

  it('gives identical readings whatever the chunk sizes', () => {
    const samples = toneSequence([
      [-30, 3.3],
      [-18, 2.1],
      [-40, 2.9],
    ]);
    const whole = new LoudnessMeter();
    whole.push(samples);
    const chunked = new LoudnessMeter();
    let seed = 12345;
    let at = 0;
    while (at < samples.length) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const frames = 1 + (seed % 7000);
      chunked.push(samples.subarray(at, at + frames * 2));
      at += frames * 2;
    }
    expect(chunked.read()).toEqual(whole.read());
  });

  it('reset starts a new measurement', () => {
    const meter = new LoudnessMeter();
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -10, seconds: 5 }), 4800);
    meter.reset();
    pushInChunks(meter, sine({ frequency: 1000, peakDb: -30, seconds: 5 }), 4800);
    expect(Math.abs(meter.read().integrated + 30)).toBeLessThan(0.1);
  });
});
