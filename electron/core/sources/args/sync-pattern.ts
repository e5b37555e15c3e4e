// The A/V sync test pattern: every SYNC_PERIOD_S a full-frame white flash and a beep start together.
// Between flashes the picture is dark grey with a blue dot circling once per period (it crosses the
// right-hand side at the flash), so it reads well held on a phone in front of a camera too: the
// flash then lights part of the camera's frame, and the beep reaches the room microphone.
import type { ProgramFormat } from './types.js';
import { rateOf } from './filters.js';

export const SYNC_PERIOD_S = 2;
export const SYNC_FLASH_S = 0.1;

/** Within a period: the flash and the beep last SYNC_FLASH_S from its start. */
const on = `lt(mod(t,${SYNC_PERIOD_S}),${SYNC_FLASH_S})`;

export function syncPatternGraph(p: ProgramFormat): string {
  const size = `${p.width}x${p.height}`;
  const rate = rateOf(p);
  const dot = Math.max(4, Math.round(p.height / 20) * 2);
  const angle = `2*PI*t/${SYNC_PERIOD_S}`;
  return [
    `color=c=0x202020:size=${size}:rate=${rate}[syncbg]`,
    `color=c=0x3070ff:size=${dot}x${dot}:rate=${rate}[syncdot]`,
    `[syncbg][syncdot]overlay=x='(W-w)/2+H/3*cos(${angle})':y='(H-h)/2-H/3*sin(${angle})':eval=frame:shortest=1,` +
      `drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='${on}'`,
  ].join(';');
}

/** Beeps of `hz` at `dbfs` peak on both channels, generated at `rate` samples per second. */
export function syncBeepGraph(hz: number, dbfs: number, rate: number): string {
  const amp = Math.pow(10, dbfs / 20).toFixed(6);
  const beep = `if(${on},${amp}*sin(2*PI*${hz}*t),0)`;
  return `aevalsrc=exprs='${beep}|${beep}':channel_layout=stereo:sample_rate=${rate}`;
}
