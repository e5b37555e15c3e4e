// ffmpeg arguments for a source, as pure functions of typed settings. Every source is normalized to raw
// I420 at the program size and frame rate (aspect preserved: letterbox/pillarbox), CFR, on stdout.
import type { Source } from '../../shared/show.js';

export interface ProgramFormat {
  width: number;
  height: number;
  fps: number;
}

/** Scale into the program frame keeping the aspect ratio, pad the rest black, constant frame rate. */
export function normalizeFilter(p: ProgramFormat): string {
  return [
    `scale=${p.width}:${p.height}:force_original_aspect_ratio=decrease:flags=bicubic`,
    `pad=${p.width}:${p.height}:(ow-iw)/2:(oh-ih)/2:color=black`,
    'setsar=1',
    `fps=${p.fps}`,
    'format=yuv420p',
  ].join(',');
}

function escapeDrawtext(text: string): string {
  return text.replace(/[\\:'%]/g, (c) => `\\${c}`);
}

function testInput(s: Extract<Source, { kind: 'test' }>, p: ProgramFormat): string[] {
  const size = `${p.width}x${p.height}`;
  let graph: string;
  switch (s.pattern) {
    case 'bars':
      graph = `smptehdbars=size=${size}:rate=${p.fps}`;
      break;
    case 'motion':
      graph = `testsrc2=size=${size}:rate=${p.fps}`;
      break;
    case 'color':
      graph = `color=c=${(s.color ?? '#202020').replace('#', '0x')}:size=${size}:rate=${p.fps}`;
      break;
  }
  if (s.label) {
    graph += `,drawtext=text='${escapeDrawtext(s.name)}':fontcolor=white:fontsize=${Math.round(p.height / 18)}:box=1:boxcolor=black@0.6:x=(w-tw)/2:y=h*0.08`;
  }
  return ['-re', '-f', 'lavfi', '-i', graph];
}

export function inputArgs(s: Source, p: ProgramFormat): string[] {
  switch (s.kind) {
    case 'test':
      return testInput(s, p);
    case 'file':
      return ['-re', ...(s.loop ? ['-stream_loop', '-1'] : []), '-i', s.path];
    case 'image':
      return ['-re', '-loop', '1', '-framerate', String(p.fps), '-i', s.path];
    case 'url':
      return [
        ...(/^https?:/.test(s.url) ? ['-reconnect', '1', '-reconnect_streamed', '1', '-reconnect_delay_max', '5'] : []),
        '-rw_timeout',
        '5000000',
        '-i',
        s.url,
      ];
    case 'screen':
      return ['-f', 'x11grab', '-framerate', String(p.fps), '-i', s.display];
    case 'device':
      return deviceInput(s);
  }
}

/** Device ids are "backend:target" (for example "v4l2:/dev/video0", "pulse:room.monitor"). */
function deviceInput(s: Extract<Source, { kind: 'device' }>): string[] {
  const out: string[] = [];
  for (const id of [s.video, s.audio]) {
    if (id === undefined) continue;
    const colon = id.indexOf(':');
    if (colon <= 0) throw new Error(`device id "${id}" is not of the form backend:target`);
    out.push('-f', id.slice(0, colon), '-i', id.slice(colon + 1));
  }
  if (out.length === 0) throw new Error(`device source "${s.id}" names no video or audio device`);
  return out;
}

export function sourceArgs(s: Source, p: ProgramFormat): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'warning',
    '-nostats',
    ...inputArgs(s, p),
    '-map',
    '0:v:0',
    '-vf',
    normalizeFilter(p),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
  ];
}
