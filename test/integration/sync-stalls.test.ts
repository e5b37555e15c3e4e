// Lip-sync survives faults: during a recording of the sync pattern, the core's event loop, the source's
// ffmpeg and the encoder's ffmpeg are each frozen (SIGSTOP), as a loaded venue laptop does to them, and the
// encoder and the source are each killed and restarted by their supervisors. After each fault the A/V offset
// measured on the decoded recording must come back to where it was before, within a few seconds.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, call, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { tempDir } from '../helpers/servers.js';
import type { Offsets } from '../helpers/sync-measure.js';
import { framePhaseMs, measureOffsets, phaseDistanceMs } from '../helpers/sync-measure.js';

const dir = tempDir('regie-stalls');
let core: CoreProcess;
let baseline = NaN;
let baselinePhase = NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The program's frame period (25 fps). */
const FRAME_MS = 40;
/**
 * How far the audio may sit from where it was before, within a frame: the phase of the offsets modulo
 * the frame (framePhaseMs), which the mixer's frame quantization leaves alone.
 */
const PHASE_TOLERANCE_MS = 10;
/**
 * How far any one flash may read from the baseline: a source frame that arrives close to a tick is shown
 * at that tick or the next (the program's frame quantization, 40 ms at 25 fps), so a flash may read a
 * frame from the baseline's median. The phase check above sees the sub-frame shifts; this one sees a
 * shift of more than a frame.
 */
const FLASH_TOLERANCE_MS = FRAME_MS + 20;

/**
 * After a source restart, the new process lands its frames at a new phase (so the phase is not compared
 * and a flash may read up to a frame off), and the drift loop settles the new queue: the audio came back
 * up to about 15 ms from where it was in clean-clone runs. So a flash may read a frame and 30 ms from the
 * baseline: still within what viewers accept (EBU R37: audio at most 40 ms early, 60 ms late).
 */
const RESTART_TOLERANCE_MS = FRAME_MS + 30;

function expectBack(
  pairs: { t: number; ms: number }[],
  what: string,
  phase = true,
  tolerance = FLASH_TOLERANCE_MS,
): void {
  expect(pairs.length, what).toBeGreaterThanOrEqual(2);
  if (phase)
    expect(
      phaseDistanceMs(
        framePhaseMs(
          pairs.map((p) => p.ms),
          FRAME_MS,
        ),
        baselinePhase,
        FRAME_MS,
      ),
      `${what}: phase within the frame`,
    ).toBeLessThanOrEqual(PHASE_TOLERANCE_MS);
  for (const p of pairs)
    expect(Math.abs(p.ms - baseline), `${what}: flash at ${p.t} s`).toBeLessThanOrEqual(tolerance);
}

/** The encoder's GOP (s): the recording starts at a keyframe, up to this long after record.start. */
const GOP_S = 1;
/** Time after a restart before the offset must be back. */
const RECOVER_S = 4;
/**
 * Time after a freeze: a backlog of more than 40 ms is skipped at once, but a frozen source's audio can
 * come back up to that much late (12 ms in a clean-clone run), which the loop works off at up to its
 * ±0.5 % (5 ms per second, slower near the target): the window starts 10 s after the freeze ends.
 */
const FREEZE_RECOVER_S = 10;

function child(match: string): number {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(core.pid)]).toString();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m?.[2]?.includes(match)) return Number(m[1]);
  }
  throw new Error(`no child process matching ${match}`);
}
const source = () => child('aevalsrc');
const encoder = () => child('pipe:0');

async function freeze(pid: number, ms: number): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  await sleep(ms);
  process.kill(pid, 'SIGCONT');
}

async function record(during: () => Promise<number[]>): Promise<{ measured: Offsets; marks: number[] }> {
  const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
  const t0 = Date.now();
  const marks = (await during()).map((at) => (at - t0) / 1000);
  await call(core, 'record.stop', {});
  const measured = await measureOffsets(rec.result.path);
  // The last flash may have lost its beep to the end of the file.
  return { measured: { ...measured, pairs: measured.pairs.slice(0, -1) }, marks };
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

beforeAll(async () => {
  const show = join(dir, 'show.json');
  writeFileSync(
    show,
    JSON.stringify({
      version: 1,
      name: 'Stalls',
      program: { width: 320, height: 180, fps: 25 },
      sources: [{ id: 'sync', name: 'Sync', kind: 'test', pattern: 'sync', label: false }],
      scene: { layout: 'full', sources: ['sync'] },
      encoder: { preset: 'ultrafast', videoKbps: 300, audioKbps: 128, gopSeconds: GOP_S },
      recording: { directory: join(dir, 'rec'), segmentMinutes: 30 },
    }),
  );
  core = await startCoreProcess(['--show', show]);
  await waitFor(async () => {
    const state = (await api(core, '/api/v1/state')).body as {
      sources: Record<string, { queueMs: number }>;
    };
    return (state.sources.sync?.queueMs ?? 0) > 50;
  }, 20_000);
  // Let the drift loop settle on this source before the baseline is taken.
  await sleep(6000);
});
afterAll(async () => {
  await core.stop();
});

describe('lip-sync through faults', () => {
  it('comes back to its offset after the core, the source and the encoder each freeze', async () => {
    const faults: [string, () => number, number][] = [
      ['core', () => core.pid, 1500],
      ['source', source, 400],
      ['encoder', encoder, 400],
    ];
    const { measured, marks } = await record(async () => {
      await sleep(8000);
      const at: number[] = [];
      for (const [, pid, ms] of faults) {
        at.push(Date.now());
        await freeze(pid(), ms);
        await sleep(18_000);
      }
      await sleep(4000); // the last window needs its flashes too
      return at;
    });
    const before = measured.pairs.filter((p) => p.t < (marks[0] ?? 0));
    baseline = median(before.map((p) => p.ms));
    baselinePhase = framePhaseMs(
      before.map((p) => p.ms),
      FRAME_MS,
    );
    console.log(
      `[sync] baseline ${baseline} ms; faults at ${marks.join(', ')} s;`,
      JSON.stringify(measured.pairs),
    );
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(Number.isFinite(baseline)).toBe(true);
    // The recording begins at the first keyframe after record.start (within GOP_S), and the flash times are
    // the file's: a flash at file time t happened at t to t + GOP_S after record.start. A window ends
    // GOP_S + a frame before the next fault, so that no flash in it can be one the next fault delayed.
    marks.forEach((mark, i) => {
      const end = (marks[i + 1] ?? Infinity) - GOP_S - FRAME_MS / 1000;
      const after = measured.pairs.filter(
        (p) => p.t > mark + (faults[i]?.[2] ?? 0) / 1000 + FREEZE_RECOVER_S && p.t < end,
      );
      expectBack(after, `after the ${faults[i]?.[0]} freeze`);
    });
  }, 150_000);

  it('keeps its offset after the encoder is killed and restarted', async () => {
    process.kill(encoder(), 'SIGKILL');
    await sleep(3000);
    const { measured } = await record(async () => {
      await sleep(9000);
      return [];
    });
    console.log('[sync] after the encoder was killed:', JSON.stringify(measured.pairs));
    expectBack(measured.pairs, 'after the encoder restart');
  }, 60_000);

  it('keeps its offset after the source is killed and restarted', async () => {
    process.kill(source(), 'SIGKILL');
    await waitFor(async () => {
      const state = (await api(core, '/api/v1/state')).body as {
        sources: Record<string, { status: string }>;
      };
      return state.sources.sync?.status === 'live';
    }, 15_000);
    const { measured } = await record(async () => {
      await sleep(RECOVER_S * 1000 + 6000);
      return [];
    });
    console.log('[sync] after the source was killed:', JSON.stringify(measured.pairs));
    const settled = measured.pairs.filter((p) => p.t > RECOVER_S);
    // A new source process lands its frames at a new place between the program's ticks: its picture
    // waits for the tick a different part of a frame than before, so its phase is not compared.
    expectBack(settled, 'after the source restart', false, RESTART_TOLERANCE_MS);
  }, 60_000);
});
