// Drift soak (not run in CI): a real core records a sync-pattern source whose audio clock runs PPM fast
// for MINUTES, then the A/V offset is measured on the decoded recording (flash frame vs beep onset) and
// the walk over 5-minute windows is extrapolated to an 8-hour day.
//   npx tsx scripts/soak-drift.ts [minutes=60] [ppm=200]
// Prints one line per 5 minutes of recording and a JSON summary line {"bench":"soak-drift",...}.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, call, startCoreProcess, waitFor } from '../test/helpers/core-process.js';
import { framePhaseMs, measureOffsets } from '../test/helpers/sync-measure.js';

const minutes = Number(process.argv[2] ?? 60);
const ppm = Number(process.argv[3] ?? 200);
// Not the tests' tempDir helper: it registers a vitest hook, and this script runs outside vitest.
const dir = mkdtempSync(join(tmpdir(), 'regie-soak-'));
const show = join(dir, 'show.json');
writeFileSync(
  show,
  JSON.stringify({
    version: 1,
    name: 'Drift soak',
    program: { width: 320, height: 180, fps: 25 },
    sources: [{ id: 'sync', name: 'Sync', kind: 'test', pattern: 'sync', label: false, audioClockPpm: ppm }],
    scene: { layout: 'full', sources: ['sync'] },
    encoder: { preset: 'ultrafast', videoKbps: 300, audioKbps: 96, gopSeconds: 1 },
    recording: { directory: join(dir, 'rec'), segmentMinutes: 240 },
  }),
);

const core = await startCoreProcess(['--show', show]);
try {
  await waitFor(async () => {
    const s = (await api(core, '/api/v1/state')).body as { sources: Record<string, { queueMs: number }> };
    return (s.sources.sync?.queueMs ?? 0) > 50;
  }, 20_000);
  const rec = (await call(core, 'record.start', {})).body as { result: { path: string } };
  await new Promise((r) => setTimeout(r, minutes * 60_000));
  const state = (await api(core, '/api/v1/state')).body as { sources: Record<string, { driftPpm: number }> };
  await call(core, 'record.stop', {});
  const { pairs } = await measureOffsets(rec.result.path);
  const settled = pairs.filter((p) => p.t > 15).slice(0, -1);
  // Each 5-minute window's audio position within the frame (the circular mean of its offsets modulo the
  // 40 ms frame: blind to the mixer's one-frame quantization, which makes single flashes read a frame
  // apart), unwrapped from window to window (a real walk moves it by far less than half a frame per
  // window), and the window's median as the coarse check (it can flip by one frame, never more).
  const frameMs = 1000 / 25;
  const windows: { minute: number; position: number; median: number; flashes: number }[] = [];
  for (let m = 0; m < minutes; m += 5) {
    const inside = settled
      .filter((p) => p.t >= m * 60 && p.t < (m + 5) * 60)
      .map((p) => p.ms)
      .sort((a, b) => a - b);
    if (inside.length === 0) continue;
    const phase = framePhaseMs(inside, frameMs);
    const median = inside[Math.floor(inside.length / 2)] ?? NaN;
    const prev = windows[windows.length - 1];
    // the first window: the phase's frame nearest the median; then the nearest to the previous window
    const ref = prev?.position ?? median;
    const position = phase + frameMs * Math.round((ref - phase) / frameMs);
    windows.push({ minute: m, position: Number(position.toFixed(1)), median, flashes: inside.length });
  }
  for (const w of windows)
    console.log(
      `minute ${String(w.minute).padStart(3)}: audio position ${w.position.toFixed(1)} ms ` +
        `(median ${w.median.toFixed(1)} ms, ${w.flashes} flashes)`,
    );
  const first = windows[0];
  const worst = Math.max(...windows.map((w) => Math.abs(w.position - (first?.position ?? NaN))));
  const worstMedian = Math.max(...windows.map((w) => Math.abs(w.median - (first?.median ?? NaN))));
  // Linear fit of the window positions: ms per minute, extrapolated to 8 hours.
  const n = windows.length;
  const mx = windows.reduce((a, w) => a + w.minute, 0) / n;
  const my = windows.reduce((a, w) => a + w.position, 0) / n;
  const slope =
    windows.reduce((a, w) => a + (w.minute - mx) * (w.position - my), 0) /
    Math.max(
      1e-9,
      windows.reduce((a, w) => a + (w.minute - mx) ** 2, 0),
    );
  console.log(
    `${ppm} ppm for ${minutes} min: worst walk ${worst.toFixed(1)} ms (medians: ${worstMedian.toFixed(1)} ms), ` +
      `trend ${slope.toFixed(3)} ms/min, 8-hour extrapolation ${(slope * 480).toFixed(1)} ms; ` +
      `reported driftPpm ${state.sources.sync?.driftPpm}`,
  );
  console.log(
    JSON.stringify({
      bench: 'soak-drift',
      ppm,
      minutes,
      flashes: settled.length,
      worstWalkMs: Number(worst.toFixed(1)),
      worstMedianWalkMs: Number(worstMedian.toFixed(1)),
      trendMsPerMin: Number(slope.toFixed(4)),
      eightHourMs: Number((slope * 480).toFixed(1)),
      windows,
      reportedDriftPpm: state.sources.sync?.driftPpm,
    }),
  );
} finally {
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
}
