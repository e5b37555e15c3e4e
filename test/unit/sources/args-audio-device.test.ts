// An audio device attached to a source that is not a device (`audioDevice`): its input replaces the
// generated silence or is added after the source's own inputs, and the graph reads its audio.
import { describe, expect, it } from 'vitest';
import { inputPlan, sourceArgs } from '../../../electron/core/sources/args.js';
import { SourceSchema } from '../../../electron/shared/show.js';

const P = { width: 1280, height: 720, fps: 25 };
const graphOf = (args: string[]): string => args[args.indexOf('-filter_complex') + 1] ?? '';
const parse = (s: Record<string, unknown>) => SourceSchema.parse({ id: 's', name: 'S', ...s });
const PULSE = 'pulse:regie_test.monitor';

describe('audioDevice on a non-device source', () => {
  it('screen: the pulse input takes the place of the silence', () => {
    const plan = inputPlan(parse({ kind: 'screen', display: ':99.0', audioDevice: PULSE }), P, {
      platform: 'linux',
    });
    expect(plan.inputs).toHaveLength(2);
    expect(plan.inputs[0]).toContain('x11grab');
    expect(plan.inputs[1]).toEqual(expect.arrayContaining(['-f', 'pulse', '-i', 'regie_test.monitor']));
    expect(plan.inputs.flat()).not.toContain('anullsrc=r=48000:cl=stereo');
    expect(plan.audio).toBe('[1:a:0]');
    expect(plan.captureAudio).toBe(true);
  });

  it('test pattern: added as a second input, with the capture timing and without the simulated clock', () => {
    const s = parse({ kind: 'test', toneHz: 1000, audioClockPpm: 100, audioDevice: PULSE });
    const plan = inputPlan(s, P);
    expect(plan.inputs).toHaveLength(2);
    expect(plan.audioPre).toBeUndefined();
    const graph = graphOf(sourceArgs(s, P));
    expect(graph).toContain('[1:a:0]aresample,aformat=sample_fmts=s16');
    expect(graph).not.toContain('asetrate');
  });

  it('file: added after the file; a device source takes it as its audio', () => {
    const file = inputPlan(parse({ kind: 'file', path: '/tmp/a.mp4', audioDevice: 'alsa:hw:1,0' }), P);
    expect(file.audio).toBe(`[${file.inputs.length - 1}:a:0]`);
    expect(file.inputs.at(-1)).toContain('plughw:1,0');
    const dev = inputPlan(parse({ kind: 'device', video: 'v4l2:/dev/video0', audioDevice: PULSE }), P);
    expect(dev.audio).toBe('[1:a:0]');
  });

  it('the picture and the attached device are read on one clock: stamped as read, timestamps kept', () => {
    const args = sourceArgs(parse({ kind: 'screen', display: ':99.0', audioDevice: PULSE }), P, {
      platform: 'linux',
    });
    const inputs = args.slice(args.indexOf('-copyts') + 1, args.indexOf('-filter_complex'));
    expect(args.indexOf('-copyts')).toBeGreaterThan(0);
    // each input: its options, then the wall-clock stamp just before its -i
    const before = inputs.flatMap((a, i) => (a === '-i' ? [inputs.slice(i - 2, i)] : []));
    expect(before).toEqual([
      ['-use_wallclock_as_timestamps', '1'],
      ['-use_wallclock_as_timestamps', '1'],
    ]);
    // a source without an attached device keeps its own timestamps
    const alone = sourceArgs(parse({ kind: 'screen', display: ':99.0' }), P, { platform: 'linux' });
    expect(alone).not.toContain('-copyts');
    expect(alone).not.toContain('-use_wallclock_as_timestamps');
  });

  it('a pattern or a file keeps its own timeline beside the device (stamped as read, -re would not pace it)', () => {
    for (const s of [
      parse({ kind: 'test', toneHz: 1000, audioDevice: PULSE }),
      parse({ kind: 'file', path: '/tmp/a.mp4', audioDevice: PULSE }),
      parse({ kind: 'url', url: 'srt://127.0.0.1:9000?mode=listener', audioDevice: PULSE }),
    ]) {
      const args = sourceArgs(s, P);
      expect(args).toContain('-re');
      expect(args).not.toContain('-copyts');
      expect(args).not.toContain('-use_wallclock_as_timestamps');
    }
  });

  it('refuses a device without audio', () => {
    expect(() => inputPlan(parse({ kind: 'test', audioDevice: 'v4l2:/dev/video0' }), P)).toThrow(
      /has no audio/,
    );
    expect(() => inputPlan(parse({ kind: 'test', audioDevice: 'nope' }), P)).toThrow(/backend:key/);
  });
});
