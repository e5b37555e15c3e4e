// Crash safety of the recording, for real: a separate Node process records and is killed with SIGKILL.
// The next run finds the marker, and the segment it left plays up to the last byte.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnfinishedRecordings } from '../../electron/core/outputs/recording-files.js';
import { waitFor } from '../helpers/core-process.js';
import { codecs, ffprobe, stopChild, tempDir, videoTimeline } from '../helpers/servers.js';

const root = join(import.meta.dirname, '..', '..');

// Runs in the child: the 3 s fixture through a FanOut into a Recorder, in small chunks, then waits to be killed.
const childScript = (dir: string): string => `
const { Recorder } = await import(${JSON.stringify(join(root, 'electron/core/outputs/recorder.ts'))});
const { FanOut } = await import(${JSON.stringify(join(root, 'electron/core/outputs/fanout.ts'))});
const { readFileSync } = await import('node:fs');
const logger = { name: 'child', debug() {}, info() {}, warn() {}, error() {}, child() { return logger; } };
const recorder = new Recorder({ dir: ${JSON.stringify(dir)}, showName: 'Crash test', logger });
const fan = new FanOut({ logger, recorder });
recorder.start();
const ts = readFileSync(${JSON.stringify(join(root, 'test/fixtures/ts/testsrc-3s.ts'))});
for (let i = 0; i < ts.length; i += 4000) {
  fan.push(ts.subarray(i, i + 4000));
  await new Promise((r) => setTimeout(r, 5));
}
const wait = () => recorder.status().bytes >= ts.length - 3 * 188 + 2 * 188 ? console.log('written') : setTimeout(wait, 20);
wait();
setInterval(() => {}, 1000);
`;

describe('recording crash safety', () => {
  it('a recorder killed with SIGKILL leaves a marker and a segment that plays to the end', async () => {
    const dir = tempDir('crash');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', childScript(dir)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes('written'), 20_000, 50);
      expect(findUnfinishedRecordings(dir)).toEqual([]); // still running: not a leftover
      child.kill('SIGKILL');
      await waitFor(() => child.exitCode !== null || child.signalCode !== null, 5000, 20);
    } finally {
      await stopChild(child);
    }
    const found = findUnfinishedRecordings(dir);
    expect(found).toHaveLength(1);
    expect(found[0]!.pid).toBe(child.pid);
    expect(found[0]!.show).toBe('Crash test');
    const segment = found[0]!.segments[0]!;
    expect(segment.bytes % 188).toBe(0);
    const probe = await ffprobe(segment.path, 'stream=codec_type,codec_name');
    expect(codecs(probe)).toEqual(['audio:aac', 'video:h264']);
    const video = await videoTimeline(segment.path);
    expect(video.packets).toBe(90);
    expect(video.firstKey).toBe(true);
    expect(video.maxGap).toBeLessThan(0.05);
  });
});
