// The filtergraph of a source: its video normalized to [v] and its audio to [a].
import { fitFilter, normalizeAudioFilter, normalizeFilter, rateOf } from './filters.js';
import type { InputPlan, ProgramFormat } from './types.js';

/** A black picture that follows the audio's timestamps and ends with it. */
export function blackFromAudioFilter(p: ProgramFormat): string {
  return `showwaves=s=16x16:rate=${rateOf(p)}:mode=point:colors=black`;
}

/** Normalize one decoded picture, then repeat it at the program rate in real time. */
export function stillFilter(p: ProgramFormat): string {
  const rate = rateOf(p);
  return `${fitFilter(p)},loop=loop=-1:size=1:start=0,setpts=N/(${rate})/TB,fps=${rate},realtime`;
}

/**
 * `[v]` and `[a]` from the plan's streams. An empty reference leaves the chain's input unlabeled:
 * ffmpeg binds it to the first unused stream of that type (network.ts explains why).
 */
export function filterGraph(plan: InputPlan, p: ProgramFormat): string {
  const audio = [
    ...(plan.audioPre ?? []),
    normalizeAudioFilter(plan.captureAudio ? 'capture' : 'timeline'),
  ].join(',');
  if (plan.video === null) {
    return `${plan.audio}asplit=2[a0][a1];[a1]${blackFromAudioFilter(p)},${normalizeFilter(p)}[v];[a0]${audio}[a]`;
  }
  const video = plan.still ? stillFilter(p) : [...(plan.videoPre ?? []), normalizeFilter(p)].join(',');
  return `${plan.video}${video}[v];${plan.audio}${audio}[a]`;
}
