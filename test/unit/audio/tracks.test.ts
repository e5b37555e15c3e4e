// Audio tracks: the show's schema and routing masks, the bus's per-track mixes (interleaved), and the
// encoder's split into one stream per track.
import { describe, expect, it } from 'vitest';
import { ProgramBus } from '../../../electron/core/audio/bus.js';
import type { Strip } from '../../../electron/core/audio/bus.js';
import { DEFAULT_ENCODER, encoderArgs, trackCount } from '../../../electron/core/mixer/encoder-args.js';
import { ShowSchema } from '../../../electron/shared/show.js';
import { trackMask } from '../../../electron/shared/show-audio.js';

const strip: Strip = { gainDb: 0, muted: false, followsVideo: false, delayMs: 0 };
const dc = (v: number, n = 1920 * 2): Int16Array => new Int16Array(n).fill(v);
const p = { width: 1280, height: 720, fps: 25 };

describe('audio tracks in the show', () => {
  const show = (extra: Record<string, unknown>) =>
    ShowSchema.safeParse({
      version: 1,
      sources: [{ id: 'a', name: 'A', kind: 'test', mixer: extra.mixer ?? {} }],
      ...(extra.audioTracks ? { audioTracks: extra.audioTracks } : {}),
    });

  it('defaults to one "program" track; routes need existing, unique tracks; at most three', () => {
    const plain = show({});
    expect(plain.success && plain.data.audioTracks).toEqual([{ id: 'program', name: 'Program' }]);
    expect(plain.success && plain.data.sources[0]?.mixer.tracks).toBeUndefined();
    const tracks = [
      { id: 'floor', name: 'Floor', language: 'fra' },
      { id: 'en', name: 'English', language: 'eng' },
    ];
    expect(show({ audioTracks: tracks, mixer: { tracks: ['en'] } }).success).toBe(true);
    expect(show({ audioTracks: tracks, mixer: { tracks: ['de'] } }).error?.issues[0]?.message).toBe(
      'unknown audio track "de"',
    );
    expect(show({ audioTracks: [tracks[0], tracks[0]] }).success).toBe(false);
    expect(show({ audioTracks: [...tracks, { id: 'c', name: 'C' }, { id: 'd', name: 'D' }] }).success).toBe(
      false,
    );
    expect(show({ audioTracks: [{ id: 'x', name: 'X', language: 'French' }] }).success).toBe(false);
  });

  it('masks: absent = first track, listed ids = their bits, [] = none', () => {
    const tracks = [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
      { id: 'c', name: 'C' },
    ];
    expect(trackMask(tracks, undefined)).toBe(1);
    expect(trackMask(tracks, ['c', 'a'])).toBe(5);
    expect(trackMask(tracks, [])).toBe(0);
  });
});

describe('the bus with several tracks', () => {
  it('mixes each source into the tracks it feeds and interleaves them frame by frame', () => {
    const bus = new ProgramBus();
    let monitored: Int16Array | null = null;
    bus.onProgram = (pcm) => (monitored = Int16Array.from(pcm));
    const out = new Int16Array(1920 * 2 * 3);
    bus.process(
      [
        { id: 'floor', block: dc(1000), strip, onProgram: true, tracks: 0b011 },
        { id: 'en', block: dc(200), strip, onProgram: true, tracks: 0b010 },
        { id: 'de', block: dc(30), strip: { ...strip, gainDb: -6.0206 }, onProgram: true, tracks: 0b100 },
        { id: 'off', block: dc(7), strip, onProgram: true, tracks: 0 },
      ],
      out,
      3,
    );
    expect([...out.subarray(0, 6)]).toEqual([1000, 1000, 1200, 1200, 15, 15]);
    expect([...out.subarray(out.length - 6)]).toEqual([1000, 1000, 1200, 1200, 15, 15]);
    expect(monitored).not.toBeNull();
    expect(monitored!.length).toBe(3840);
    expect(monitored!.every((v) => v === 1000)).toBe(true);
    const t = bus.telemetry();
    expect(t.tracks).toHaveLength(3);
    expect(t.tracks?.[1]?.peakDb).toBeCloseTo(20 * Math.log10(1200 / 32768), 1);
    expect(t.program.peakDb).toBe(t.tracks?.[0]?.peakDb);
  });

  it('one track is the plain program (no routing given: the first track)', () => {
    const bus = new ProgramBus();
    const out = new Int16Array(1920 * 2);
    bus.process([{ id: 'a', block: dc(500), strip, onProgram: true }], out);
    expect(out.every((v) => v === 500)).toBe(true);
  });
});

describe('encoder arguments with tracks', () => {
  const value = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

  it('one plain track: the arguments of before (stereo on fd 3, mapped directly)', () => {
    const args = encoderArgs(p, DEFAULT_ENCODER);
    expect(trackCount(DEFAULT_ENCODER)).toBe(1);
    expect(value(args, '-ac')).toBe('2');
    expect(args).not.toContain('-filter_complex');
    expect(args.join(' ')).toContain('-map 0:v:0 -map 1:a:0');
  });

  it('three tracks: 6 channels in, split into three stereo streams with title and language', () => {
    const s = {
      ...DEFAULT_ENCODER,
      audioTracks: [
        { name: 'Floor', language: 'fra' },
        { name: 'English', language: 'eng' },
        { name: 'Deutsch' },
      ],
    };
    const args = encoderArgs(p, s);
    expect(trackCount(s)).toBe(3);
    expect(value(args, '-ac')).toBe('6');
    expect(value(args, '-filter_complex')).toBe(
      '[1:a]asplit=3[s0][s1][s2];[s0]pan=stereo|c0=c0|c1=c1[a0];[s1]pan=stereo|c0=c2|c1=c3[a1];[s2]pan=stereo|c0=c4|c1=c5[a2]',
    );
    expect(args.join(' ')).toContain('-map [a0] -map [a1] -map [a2]');
    expect(args.join(' ')).toContain('-metadata:s:a:1 title=English -metadata:s:a:1 language=eng');
    expect(args.join(' ')).toContain('-metadata:s:a:2 title=Deutsch -c:v');
    expect(args.join(' ')).not.toContain('-metadata:s:a:2 language');
  });
});
