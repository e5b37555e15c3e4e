// The recorder on the real TS fixture (three 1 s GOPs): segment naming and rotation at keyframes, the
// active-recording marker, what a crash leaves, and a full disk reported without throwing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FanOut } from '../../../electron/core/outputs/fanout.js';
import { Recorder } from '../../../electron/core/outputs/recorder.js';
import {
  findUnfinishedRecordings,
  markerPath,
  readMarker,
  segmentFileName,
  slugify,
} from '../../../electron/core/outputs/recording-files.js';
import { TS_PACKET, isKeyframeStart, packetPid } from '../../../electron/core/outputs/ts.js';
import { waitFor } from '../../helpers/core-process.js';
import { recordingLogger } from '../../helpers/quiet-logger.js';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/ts/testsrc-3s.ts'));
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'regie-rec-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The fixture through a fan-out into the recorder, in uneven chunks. */
function feed(recorder: Recorder): void {
  const fan = new FanOut({ logger: recordingLogger(), recorder });
  for (let i = 0; i < fixture.length; i += 1000) fan.push(fixture.subarray(i, i + 1000));
}

describe('recording file names', () => {
  it('are YYYY-MM-DD_HH-MM-SS_<show-slug>_<nnn>.ts in local time', () => {
    expect(segmentFileName(new Date(2025, 2, 7, 9, 5, 3), 'Conférence SSTIC 2025 — Jour 1', 2)).toBe(
      '2025-03-07_09-05-03_conference-sstic-2025-jour-1_002.ts',
    );
    expect(slugify('***')).toBe('recording');
    expect(slugify('A'.repeat(80)).length).toBeLessThanOrEqual(48);
  });
});

describe('Recorder', () => {
  it('starts at a keyframe and cuts a new segment at the first keyframe after segmentSeconds', async () => {
    const dir = tempDir();
    let t = new Date(2025, 5, 1, 14, 0, 0).getTime();
    const recorder = new Recorder({
      dir,
      showName: 'Test show',
      segmentSeconds: 1,
      logger: recordingLogger(),
      clock: () => new Date((t += 1000)),
    });
    const { path } = recorder.start();
    expect(basename(path)).toBe('2025-06-01_14-00-01_test-show_001.ts');
    expect(readMarker(dir)).toMatchObject({
      pid: process.pid,
      show: 'Test show',
      segments: [basename(path)],
    });
    expect(findUnfinishedRecordings(dir)).toEqual([]); // our own, running
    feed(recorder);
    await recorder.stop();
    const status = recorder.status();
    expect(status.lastError).toBeNull();
    expect(status.active).toBe(false);
    expect(status.segments.map((s) => basename(s))).toEqual([
      '2025-06-01_14-00-01_test-show_001.ts',
      '2025-06-01_14-00-02_test-show_002.ts',
      '2025-06-01_14-00-03_test-show_003.ts',
    ]);
    expect(status.durationS).toBeCloseTo(2.967, 2);
    expect(existsSync(markerPath(dir))).toBe(false);
    let total = 0;
    for (const file of status.segments) {
      const data = readFileSync(file);
      total += data.length;
      expect(data.length % TS_PACKET).toBe(0);
      // PAT, PMT, then the keyframe: every segment plays on its own.
      expect(packetPid(data.subarray(0, TS_PACKET))).toBe(0);
      expect(packetPid(data.subarray(TS_PACKET))).toBe(0x1000);
      expect(isKeyframeStart(data.subarray(2 * TS_PACKET), 0x100)).toBe(true);
    }
    // Everything from the first keyframe on, plus PAT + PMT at the head of each segment.
    expect(total).toBe(fixture.length - 3 * TS_PACKET + 3 * 2 * TS_PACKET);
    expect(status.bytes).toBe(total);
  });

  it('starts a new segment when the encoder restarts, so that each file has continuous timestamps', async () => {
    const dir = tempDir();
    const recorder = new Recorder({ dir, showName: 'Restart', logger: recordingLogger() });
    const fan = new FanOut({ logger: recordingLogger(), recorder });
    recorder.start();
    fan.push(fixture.subarray(0, 100_000));
    fan.encoderRestarted();
    fan.push(fixture);
    await recorder.stop();
    const { segments } = recorder.status();
    expect(segments).toHaveLength(2);
    const second = readFileSync(segments[1]!);
    expect(packetPid(second)).toBe(0);
    expect(isKeyframeStart(second.subarray(2 * TS_PACKET), 0x100)).toBe(true);
    expect(second.length).toBe(fixture.length - 3 * TS_PACKET + 2 * TS_PACKET);
  });

  it('leaves a marker and readable segments when the process dies; findUnfinishedRecordings lists them', async () => {
    const dir = tempDir();
    const recorder = new Recorder({ dir, showName: 'Crash', logger: recordingLogger(), fsyncMs: 50 });
    recorder.start();
    feed(recorder);
    await waitFor(() => recorder.status().bytes > 0, 5000, 20);
    // As if the process had been killed here: the marker names a pid that is gone.
    const found = findUnfinishedRecordings(dir, () => false);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ pid: process.pid, show: 'Crash' });
    expect(found[0]!.segments[0]!.bytes).toBeGreaterThan(0);
    await recorder.stop();
    expect(findUnfinishedRecordings(dir, () => false)).toEqual([]);
  });

  it('reports a full disk in status().lastError and never throws', async () => {
    const dir = tempDir();
    const recorder = new Recorder({
      dir,
      showName: 'Full',
      logger: recordingLogger(),
      openFile: () => open('/dev/full', 'w'),
    });
    expect(() => {
      recorder.start();
      feed(recorder);
    }).not.toThrow();
    // A full disk stops the recording by itself (file closed, marker removed), and says why.
    await waitFor(() => !recorder.status().active, 5000, 20);
    expect(findUnfinishedRecordings(dir, () => false)).toEqual([]);
    await recorder.stop();
    const status = recorder.status();
    expect(status.lastError).toMatch(/^disk full \(writing .*\): recording stopped/);
    expect(status.bytes).toBe(0);
    expect(status.droppedBytes).toBeGreaterThan(100_000);
  });

  it('reports a directory it cannot create, without throwing', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const recorder = new Recorder({ dir: join(file, 'sub'), showName: 'X', logger: recordingLogger() });
    expect(() => recorder.start()).not.toThrow();
    feed(recorder);
    await recorder.stop();
    expect(recorder.status().lastError).not.toBeNull();
  });
});
