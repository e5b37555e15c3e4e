// Which program carries a destination, with which arguments, and how it says the link is up: ffmpeg
// (-c copy; live once its output grows) or, for SRT, srt-live-transmit (live once libsrt connects; its JSON
// stats on stdout give RTT, loss, retransmissions and bandwidth).
import type { DestinationTarget } from './destination-args.js';
import { destinationArgs } from './destination-args.js';
import type { EncodeSettings } from './encode-args.js';
import { statsEveryPackets } from './srt-stats.js';
import { srtToolArgs } from './srt-tool.js';

export interface Driver {
  tool: 'ffmpeg' | 'srt-live-transmit';
  command: string;
  /** Built at each (re)start; streamKbps is the program's measured rate (null before it is known). */
  args(streamKbps: number | null): string[];
  stdout: 'pipe' | 'ignore';
}

export function makeDriver(
  target: DestinationTarget,
  ffmpeg: string,
  srtTool: string | null,
  encode: EncodeSettings | null = null,
  programAudioKbps?: number,
): Driver {
  // A rendition is encoded by ffmpeg, which then also sends it (srt-live-transmit only copies).
  if (target.kind === 'srt' && srtTool !== null && encode === null) {
    return {
      tool: 'srt-live-transmit',
      command: srtTool,
      args: (kbps) => srtToolArgs(target.url, statsEveryPackets(kbps)),
      stdout: 'pipe',
    };
  }
  return {
    tool: 'ffmpeg',
    command: ffmpeg,
    args: () =>
      destinationArgs(target, {
        encode,
        ...(programAudioKbps !== undefined ? { programAudioKbps } : {}),
      }),
    stdout: 'ignore',
  };
}
