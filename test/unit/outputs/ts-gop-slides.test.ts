// A program with a slides track: two H.264 streams in one MPEG-TS (program on PID 0x100 at 25 fps, GOP 25;
// slides on 0x101 at 5 fps, a keyframe every 3 frames, on purpose not on the program's) + AAC. Made with:
//   ffmpeg -f lavfi -i testsrc2=s=160x90:r=25 -f lavfi -i color=green:s=160x90:r=5 -f lavfi -i sine=f=440
//     -t 3 -map 0:v -map 1:v -map 2:a -c:v libx264 -preset ultrafast -g 25 -keyint_min 25 -sc_threshold 0
//     -b:v 150k -g:v:1 3 -keyint_min:v:1 3 -tune:v:1 zerolatency -b:v:1 30k -bf:v:1 0 -pix_fmt yuv420p
//     -c:a aac -b:a 32k -f mpegts -mpegts_flags +resend_headers slides-2video-3s.ts
// GOPs (what destinations resume on and the recorder cuts segments on) follow the program's keyframes only,
// and count the program's frames only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TsGopSplitter } from '../../../electron/core/outputs/ts-gop.js';
import { TS_PACKET, isKeyframeStart, packetPid, parsePmt } from '../../../electron/core/outputs/ts.js';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/ts/slides-2video-3s.ts'));
const packets: Buffer[] = [];
for (let i = 0; i + TS_PACKET <= fixture.length; i += TS_PACKET)
  packets.push(fixture.subarray(i, i + TS_PACKET));

describe('TsGopSplitter with a slides track', () => {
  it('the PMT lists both video streams, the program first', () => {
    const pmt = packets.map((p) => parsePmt(p)).find((p) => p !== null);
    expect(pmt?.streams.map((s) => [s.type, s.pid])).toEqual([
      [0x1b, 0x100],
      [0x1b, 0x101],
      [0x0f, 0x102],
    ]);
  });

  it('cuts GOPs on the program keyframes only, 25 program frames each', () => {
    const slidesKeyframes = packets.filter((p) => isKeyframeStart(p, 0x101)).length;
    expect(slidesKeyframes).toBe(5);
    const s = new TsGopSplitter(() => 0);
    const gops = s.push(packets);
    expect(s.stats().videoPid).toBe(0x100);
    expect(gops.map((g) => g.frames.length)).toEqual([25, 25, 25]);
    for (const gop of gops) expect(isKeyframeStart(gop.packets[0]!, 0x100)).toBe(true);
    expect(gops[1]!.startMs - gops[0]!.startMs).toBeCloseTo(1000);
    // The slides packets travel inside the program's GOPs.
    const slides = gops.flatMap((g) => g.packets).filter((p) => packetPid(p) === 0x101);
    expect(slides.length).toBe(packets.filter((p) => packetPid(p) === 0x101).length);
  });
});
