// The full ffmpeg argv of a source: its inputs, one filtergraph, and two outputs — raw I420 at the
// program format on stdout (pipe:1) and 48 kHz stereo s16le on fd 3 (pipe:3). Every source has both.
import type { Source } from '../../../shared/show.js';
import { audioDeviceInput, devicePlan } from './devices.js';
import { imagePlan, silenceInput, testPlan } from './generated.js';
import { filterGraph } from './graph.js';
import { filePlan, urlPlan } from './network.js';
import { screenInput } from './screen.js';
import type { InputPlan, ProgramFormat, SourceArgsOptions } from './types.js';

export function inputPlan(s: Source, p: ProgramFormat, opts: SourceArgsOptions = {}): InputPlan {
  if (s.kind === 'device') return devicePlan({ ...s, audio: s.audio ?? s.audioDevice }, p, opts);
  const plan = ownPlan(s, p, opts);
  if (s.audioDevice === undefined) return plan;
  // A screen is captured live like the device: both are read on one clock. A test pattern, a file or a
  // stream has its own timeline (read at its own pace with -re): stamping it as read would let it run
  // as fast as ffmpeg can read it.
  return withAudioDevice(plan, audioDeviceInput(s.audioDevice, opts), s.kind === 'screen');
}

/**
 * The source's audio replaced by a capture device's: its input takes the place of the generated
 * silence (screen, image), or is added (test, file, url: their own audio is left unread). `live`: the
 * source's own input is a live capture too (see liveInputArgs).
 */
export function withAudioDevice(plan: InputPlan, device: string[], live = false): InputPlan {
  const last = plan.inputs.length - 1;
  const silent = JSON.stringify(plan.inputs[last]) === JSON.stringify(silenceInput());
  const index = silent ? last : plan.inputs.length;
  const { audioPre: _ownClock, ...rest } = plan;
  return {
    ...rest,
    inputs: [...plan.inputs.slice(0, index), device],
    audio: `[${index}:a:0]`,
    captureAudio: true,
    ...(live ? { liveInputs: true } : {}),
  };
}

function ownPlan(
  s: Exclude<Source, { kind: 'device' }>,
  p: ProgramFormat,
  opts: SourceArgsOptions,
): InputPlan {
  switch (s.kind) {
    case 'test':
      return testPlan(s, p);
    case 'file':
      return filePlan(s, p);
    case 'url':
      return urlPlan(s, p);
    case 'image':
      return imagePlan(s);
    case 'screen':
      return {
        inputs: [
          screenInput(s.display, p, opts.platform ?? process.platform, opts.screenSize),
          silenceInput(),
        ],
        video: '[0:v:0]',
        audio: '[1:a:0]',
      };
  }
}

/** Every input of the source, in order (generated companions included). */
export function inputArgs(s: Source, p: ProgramFormat, opts: SourceArgsOptions = {}): string[] {
  return inputPlan(s, p, opts).inputs.flat();
}

/**
 * The inputs of a plan that captures live from several inputs, on one clock. ffmpeg starts each input's
 * timestamps at zero on its own first packet and then feeds the outputs in timestamp order: the inputs
 * open one after the other, so a screen or camera opened half a second before its audio device had its
 * picture held back by that half second, for as long as the source ran (measured: 0.5–0.7 s with
 * x11grab and pulse, a different amount at each start). Stamped with the time each packet is read
 * (`-use_wallclock_as_timestamps`) and kept as they are (`-copyts`), both streams leave as they arrive.
 * Only for live captures: an input read with -re (a pattern, a file) stamped that way is never ahead of
 * the clock, so -re stops pacing it (measured: testsrc2 at 7700 fps).
 */
export function liveInputArgs(plan: InputPlan): string[] {
  if (!plan.liveInputs) return plan.inputs.flat();
  const stamped = plan.inputs.map((input) => {
    const i = input.lastIndexOf('-i');
    return [...input.slice(0, i), '-use_wallclock_as_timestamps', '1', ...input.slice(i)];
  });
  return ['-copyts', ...stamped.flat()];
}

export function sourceArgs(s: Source, p: ProgramFormat, opts: SourceArgsOptions = {}): string[] {
  const plan = inputPlan(s, p, opts);
  return [
    '-hide_banner',
    '-loglevel',
    'warning',
    '-nostats',
    ...liveInputArgs(plan),
    '-filter_complex',
    filterGraph(plan, p),
    '-map',
    '[v]',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-flush_packets',
    '1',
    'pipe:1',
    '-map',
    '[a]',
    '-f',
    's16le',
    '-ar',
    '48000',
    '-ac',
    '2',
    '-flush_packets',
    '1',
    'pipe:3',
  ];
}
