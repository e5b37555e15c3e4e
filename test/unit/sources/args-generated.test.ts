// Test pattern, tone, label and still image: the exact ffmpeg arguments.
import { describe, expect, it } from 'vitest';
import {
  escapeFilterValue,
  inputArgs,
  labelFilter,
  normalizeAudioFilter,
  normalizeFilter,
  SINE_PEAK_DBFS,
  sourceArgs,
  toneGraph,
} from '../../../electron/core/sources/args.js';
import { SourceSchema, type Source } from '../../../electron/shared/show.js';
import { OUTPUTS } from './expected.js';

const P = { width: 1280, height: 720, fps: 30 };
const FIT =
  'scale=1280:720:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,' +
  'format=yuv420p,pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1';
const AUDIO =
  'aresample=async=1000:first_pts=0,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo';

function source(input: Record<string, unknown>): Source {
  return SourceSchema.parse({ id: 'src', name: 'Src', ...input });
}

describe('normalization filters', () => {
  it('fits, pads black, square pixels, constant rate, BT.709 limited I420', () => {
    expect(normalizeFilter(P)).toBe(`${FIT},fps=30`);
  });

  it('gives NTSC rates as exact fractions', () => {
    expect(normalizeFilter({ width: 1920, height: 1080, fps: 30000 / 1001 })).toMatch(/,fps=30000\/1001$/);
  });

  it('follows exact timestamps, and passes captured samples on as they come', () => {
    expect(normalizeAudioFilter()).toBe(AUDIO);
    expect(normalizeAudioFilter('capture')).toBe(
      'aresample,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo',
    );
  });
});

describe('test source', () => {
  it('bars with a 1 kHz tone at −20 dBFS: the full argv', () => {
    const s = source({ kind: 'test', pattern: 'bars', toneHz: 1000, toneDbfs: -20, label: false });
    expect(sourceArgs(s, P)).toEqual([
      '-hide_banner',
      '-loglevel',
      'warning',
      '-nostats',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'smptehdbars=size=1280x720:rate=30[out0];' +
        'sine=frequency=1000:sample_rate=48000,volume=-1.9382dB,aeval=val(0)|val(0):c=stereo,aformat=channel_layouts=stereo[out1]',
      '-filter_complex',
      `[0:v:0]${FIT},fps=30[v];[0:a:0]${AUDIO}[a]`,
      ...OUTPUTS,
    ]);
  });

  it('motion and colour patterns; the colour is drawn in RGB for the BT.709 conversion', () => {
    expect(inputArgs(source({ kind: 'test', pattern: 'motion', label: false }), P)[4]).toBe(
      'testsrc2=size=1280x720:rate=30[out0];anullsrc=r=48000:cl=stereo[out1]',
    );
    expect(inputArgs(source({ kind: 'test', pattern: 'color', color: '#ff0000', label: false }), P)[4]).toBe(
      'color=c=0xff0000:size=1280x720:rate=30,format=rgb24[out0];anullsrc=r=48000:cl=stereo[out1]',
    );
  });

  it('sets the sine (peak −18.06 dBFS) to the asked peak', () => {
    expect(SINE_PEAK_DBFS).toBeCloseTo(-18.0618, 4);
    const tone = (toneDbfs: number) =>
      toneGraph(source({ kind: 'test', toneHz: 440, toneDbfs }) as Extract<Source, { kind: 'test' }>);
    expect(tone(-18)).toContain('sine=frequency=440:sample_rate=48000,volume=0.0618dB,');
    expect(tone(0)).toContain('volume=18.0618dB');
    expect(tone(-60)).toContain('volume=-41.9382dB');
    expect(toneGraph(source({ kind: 'test' }) as Extract<Source, { kind: 'test' }>)).toBe(
      'anullsrc=r=48000:cl=stereo',
    );
  });

  it('burns the name in with drawtext', () => {
    const graph = inputArgs(source({ kind: 'test', name: 'Cam 1' }), P)[4];
    expect(graph).toBe(
      'smptehdbars=size=1280x720:rate=30,drawtext=text=Cam 1:expansion=none:fontcolor=white:fontsize=40:' +
        'box=1:boxcolor=black@0.6:boxborderw=10:x=(w-tw)/2:y=h*0.08[out0];anullsrc=r=48000:cl=stereo[out1]',
    );
  });
});

describe('drawtext escaping', () => {
  it('escapes for the option list, then for the filtergraph', () => {
    // option level: \ ' : get a backslash; graph level: \ ' [ ] , ; get one more.
    expect(escapeFilterValue('a:b')).toBe('a\\\\:b');
    expect(escapeFilterValue("it's")).toBe("it\\\\\\'s");
    expect(escapeFilterValue('C:\\dir')).toBe('C\\\\:\\\\\\\\dir');
    expect(escapeFilterValue('[live], now; ok')).toBe('\\[live\\]\\, now\\; ok');
    expect(escapeFilterValue('100% {pts}')).toBe('100% {pts}');
  });

  it('puts the escaped name in the label', () => {
    expect(labelFilter("Jo's talk: 10:30", P)).toContain(
      "text=Jo\\\\\\'s talk\\\\: 10\\\\:30:expansion=none:",
    );
  });
});

describe('image source', () => {
  it('decodes once, normalizes the frame, repeats it in real time; silence for audio', () => {
    const s = source({ kind: 'image', path: '/media/slides/100% done.png' });
    expect(sourceArgs(s, P)).toEqual([
      '-hide_banner',
      '-loglevel',
      'warning',
      '-nostats',
      '-f',
      'image2',
      '-pattern_type',
      'none',
      '-i',
      'file:/media/slides/100% done.png',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=48000:cl=stereo',
      '-filter_complex',
      `[0:v:0]${FIT},loop=loop=-1:size=1:start=0,setpts=N/(30)/TB,fps=30,realtime[v];[1:a:0]${AUDIO}[a]`,
      ...OUTPUTS,
    ]);
  });
});
