// Files and network feeds: unknown streams bound through unlabeled filter inputs, per-protocol timeouts.
import { describe, expect, it } from 'vitest';
import { inputArgs, sourceArgs, urlInputOptions } from '../../../electron/core/sources/args.js';
import { SourceSchema, type Source } from '../../../electron/shared/show.js';
import { OUTPUTS, SILENCE } from './expected.js';

const P = { width: 1280, height: 720, fps: 25 };
const BLACK = ['-re', '-f', 'lavfi', '-i', 'color=c=black:s=16x16:r=25'];

function source(input: Record<string, unknown>): Source {
  return SourceSchema.parse({ id: 'src', name: 'Src', ...input });
}

describe('file source', () => {
  it('plays in real time, in a loop, with black and silence as fallbacks: the full argv', () => {
    // Unlabeled chain inputs take the first unused video and audio streams: the file's, else the fallbacks.
    expect(sourceArgs(source({ kind: 'file', path: '/media/clip.mp4' }), P)).toEqual([
      '-hide_banner',
      '-loglevel',
      'warning',
      '-nostats',
      '-re',
      '-stream_loop',
      '-1',
      '-i',
      'file:/media/clip.mp4',
      ...BLACK,
      ...SILENCE,
      '-filter_complex',
      'scale=1280:720:force_original_aspect_ratio=decrease:force_divisible_by=2:flags=bicubic:in_color_matrix=bt709:out_color_matrix=bt709:out_range=tv,' +
        'format=yuv420p,pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,fps=25[v];' +
        'aresample=async=1000:first_pts=0,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo[a]',
      ...OUTPUTS,
    ]);
  });

  it('plays once without loop; a path with a colon stays a path', () => {
    expect(
      inputArgs(source({ kind: 'file', path: 'C:\\clips\\a:b.mov', loop: false }), P).slice(0, 3),
    ).toEqual(['-re', '-i', 'file:C:\\clips\\a:b.mov']);
  });
});

describe('url source', () => {
  const url = (u: string) => inputArgs(source({ kind: 'url', url: u }), P);

  it('SRT listener and caller: rw_timeout only (the listener waits for its caller without limit)', () => {
    expect(url('srt://0.0.0.0:9000?mode=listener&latency=200000')).toEqual([
      '-thread_queue_size',
      '1024',
      '-rw_timeout',
      '5000000',
      '-i',
      'srt://0.0.0.0:9000?mode=listener&latency=200000',
      ...BLACK,
      ...SILENCE,
    ]);
    expect(urlInputOptions('srt://10.0.0.5:9000')).toEqual(['-rw_timeout', '5000000']);
  });

  it('http(s): reconnect flags and rw_timeout', () => {
    const opts = [
      '-reconnect',
      '1',
      '-reconnect_streamed',
      '1',
      '-reconnect_on_network_error',
      '1',
      '-reconnect_delay_max',
      '2',
      '-rw_timeout',
      '5000000',
    ];
    expect(urlInputOptions('https://cdn.example.org/live/index.m3u8')).toEqual(opts);
    expect(urlInputOptions('HTTP://example.org/a.ts')).toEqual(opts);
  });

  it('rtmp(s): rw_timeout, never -timeout (which means "listen" for rtmp)', () => {
    expect(urlInputOptions('rtmp://ingest.example.org/live/key')).toEqual(['-rw_timeout', '2000000']);
    expect(urlInputOptions('rtmps://ingest.example.org/live/key')).toEqual(['-rw_timeout', '2000000']);
  });

  it('udp: -timeout and a non-fatal FIFO overrun; rtp: -listen_timeout; tcp and rist: rw_timeout', () => {
    expect(urlInputOptions('udp://239.0.0.1:1234')).toEqual([
      '-timeout',
      '5000000',
      '-overrun_nonfatal',
      '1',
    ]);
    expect(urlInputOptions('rtp://239.0.0.1:5004')).toEqual(['-listen_timeout', '5']);
    expect(urlInputOptions('tcp://10.0.0.2:9000')).toEqual(['-rw_timeout', '5000000']);
    expect(urlInputOptions('rist://10.0.0.2:8000')).toEqual(['-rw_timeout', '5000000']);
  });

  it('no -re for live feeds', () => {
    expect(url('udp://239.0.0.1:1234').slice(0, 7)).not.toContain('-re');
  });
});
