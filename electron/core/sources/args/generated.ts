// Generated sources (test pattern and tone), still images, and the generated companion inputs that
// give every source both a video and an audio stream.
import type { Source } from '../../../shared/show.js';
import { escapeFilterValue, rateOf } from './filters.js';
import { syncBeepGraph, syncPatternGraph } from './sync-pattern.js';
import type { InputPlan, ProgramFormat } from './types.js';

type TestSource = Extract<Source, { kind: 'test' }>;
type ImageSource = Extract<Source, { kind: 'image' }>;

/** lavfi `sine` has an amplitude of 1/8: its peak is −18.06 dBFS. */
export const SINE_PEAK_DBFS = -20 * Math.log10(8);

/** Real-time stereo silence at 48 kHz, for sources without audio. */
export function silenceInput(): string[] {
  return ['-re', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
}

/** A tiny black picture at the program rate (the normalization scales it up), for sources without video. */
export function blackInput(p: ProgramFormat): string[] {
  return ['-re', '-f', 'lavfi', '-i', `color=c=black:s=16x16:r=${rateOf(p)}`];
}

function patternGraph(s: TestSource, p: ProgramFormat): string {
  const size = `${p.width}x${p.height}`;
  const rate = rateOf(p);
  switch (s.pattern) {
    case 'bars':
      return `smptehdbars=size=${size}:rate=${rate}`;
    case 'motion':
      return `testsrc2=size=${size}:rate=${rate}`;
    case 'sync':
      return syncPatternGraph(p);
    case 'color':
      // Drawn in RGB so that the normalization converts it with the BT.709 matrix.
      return `color=c=${(s.color ?? '#202020').replace('#', '0x')}:size=${size}:rate=${rate},format=rgb24`;
  }
}

/** The source name burnt in; `expansion=none` prints `%{…}` literally. */
export function labelFilter(name: string, p: ProgramFormat): string {
  const size = Math.max(12, Math.round(p.height / 18));
  return `drawtext=text=${escapeFilterValue(name)}:expansion=none:fontcolor=white:fontsize=${size}:box=1:boxcolor=black@0.6:boxborderw=${Math.round(size / 4)}:x=(w-tw)/2:y=h*0.08`;
}

/**
 * The rate the audio is generated at: 48 kHz, or more (less) samples per real second for a simulated
 * fast (slow) audio clock, relabelled 48 kHz after the -re pacing (see testPlan).
 */
export function generatedRate(s: TestSource): number {
  return Math.round(48_000 * (1 + (s.audioClockPpm ?? 0) * 1e-6));
}

/** The tone at `toneDbfs` peak on both channels, or silence; the sync pattern's beeps. */
export function toneGraph(s: TestSource): string {
  const rate = generatedRate(s);
  if (s.pattern === 'sync') return syncBeepGraph(s.toneHz ?? 1000, s.toneDbfs, rate);
  if (s.toneHz === undefined) return `anullsrc=r=${rate}:cl=stereo`;
  const gain = (s.toneDbfs - SINE_PEAK_DBFS).toFixed(4);
  return `sine=frequency=${s.toneHz}:sample_rate=${rate},volume=${gain}dB,aeval=val(0)|val(0):c=stereo,aformat=channel_layouts=stereo`;
}

/** One lavfi input with both streams, so -re paces them together. */
export function testPlan(s: TestSource, p: ProgramFormat): InputPlan {
  const video = patternGraph(s, p) + (s.label ? `,${labelFilter(s.name, p)}` : '');
  const rate = generatedRate(s);
  return {
    inputs: [['-re', '-f', 'lavfi', '-i', `${video}[out0];${toneGraph(s)}[out1]`]],
    video: '[0:v:0]',
    audio: '[0:a:0]',
    ...(rate !== 48_000 ? { audioPre: ['asetrate=48000'] } : {}),
  };
}

/**
 * A still picture is decoded and scaled once, then repeated in real time (see graph.ts), rather
 * than decoded again for every frame with `-loop 1`. The image2 demuxer is forced with
 * `-pattern_type none` so that a "%" in the file name is not read as a sequence pattern.
 */
export function imagePlan(s: ImageSource): InputPlan {
  return {
    inputs: [['-f', 'image2', '-pattern_type', 'none', '-i', `file:${s.path}`], silenceInput()],
    video: '[0:v:0]',
    audio: '[1:a:0]',
    still: true,
  };
}
