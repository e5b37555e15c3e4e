// Files and network feeds: inputs whose streams are not known before they are opened.
//
// Either stream may be missing (a clip without sound, an audio-only feed). The filtergraph leaves its
// inputs unlabeled: ffmpeg binds an unlabeled filtergraph input to the first unused stream of that
// type, in input order. Input 0 is the file or feed, input 1 a black picture, input 2 silence, so a
// stream of the source wins and the generated one fills in only when the source has none. No probe
// is needed, and the fallbacks that are not bound are never read.
import type { Source } from '../../../shared/show.js';
import { blackInput, silenceInput } from './generated.js';
import type { InputPlan, ProgramFormat } from './types.js';

type FileSource = Extract<Source, { kind: 'file' }>;
type UrlSource = Extract<Source, { kind: 'url' }>;

/** A dead feed must end the process within seconds so that the supervisor restarts it. */
export const NETWORK_TIMEOUT_S = 5;
const TIMEOUT_US = String(NETWORK_TIMEOUT_S * 1_000_000);

function unknownStreams(input: string[], p: ProgramFormat): InputPlan {
  return { inputs: [input, blackInput(p), silenceInput()], video: '', audio: '' };
}

export function filePlan(s: FileSource, p: ProgramFormat): InputPlan {
  // "file:" keeps a local path with a colon from being read as a protocol.
  return unknownStreams(['-re', ...(s.loop ? ['-stream_loop', '-1'] : []), '-i', `file:${s.path}`], p);
}

/**
 * Per-protocol options, checked against ffmpeg 5.1 (`ffmpeg -h protocol=…`): an option the protocol
 * does not take makes ffmpeg exit with "Option … not found", so each protocol gets only its own.
 * - http(s): reconnect on errors and on streamed inputs; rw_timeout ends a stalled read.
 * - srt, tcp, rist: rw_timeout (a listener still waits for its caller without limit).
 * - rtmp(s): rw_timeout; never `-timeout`, which for rtmp means "listen for a publisher". A stall ends
 *   the process after about 5 reads, so rtmp gets a shorter value.
 * - udp: `-timeout` (udp does not honour rw_timeout); a FIFO overrun drops packets instead of exiting.
 * - rtp: the rtp demuxer takes none of these; `-listen_timeout` (seconds) ends it when packets stop.
 */
export function urlInputOptions(url: string): string[] {
  const scheme = /^([a-z]+):/i.exec(url)?.[1]?.toLowerCase() ?? '';
  switch (scheme) {
    case 'http':
    case 'https':
      return [
        '-reconnect',
        '1',
        '-reconnect_streamed',
        '1',
        '-reconnect_on_network_error',
        '1',
        '-reconnect_delay_max',
        '2',
        '-rw_timeout',
        TIMEOUT_US,
      ];
    case 'srt':
    case 'tcp':
    case 'rist':
      return ['-rw_timeout', TIMEOUT_US];
    case 'rtmp':
    case 'rtmps':
      return ['-rw_timeout', '2000000'];
    case 'udp':
      return ['-timeout', TIMEOUT_US, '-overrun_nonfatal', '1'];
    case 'rtp':
      return ['-listen_timeout', String(NETWORK_TIMEOUT_S)];
    default:
      return [];
  }
}

export function urlPlan(s: UrlSource, p: ProgramFormat): InputPlan {
  return unknownStreams(['-thread_queue_size', '1024', ...urlInputOptions(s.url), '-i', s.url], p);
}
