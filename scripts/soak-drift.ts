// Drift soak (not run in CI): a real core records a sync-pattern source whose audio clock runs PPM fast
// for MINUTES, then the A/V offset is measured on the decoded recording (flash frame vs beep onset) and
// the walk per 10 minutes is extrapolated to an 8-hour day.
//   npx tsx scripts/soak-drift.ts [minutes=60] [ppm=200]
// Prints one line per 5 minutes of recording and a JSON summary line {"bench":"soak-drift",...}.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, call, startCoreProcess, waitFor } from '../test/helpers/core-process.js';
import { tempDir } from '../test/helpers/servers.js';
import { measureOffsets } from '../test/helpers/sync-measure.js';

const minutes = Number(process.argv[2] ?? 60);
const ppm = Number(process.argv[3] ?? 200);
const dir = tempDir('regie-soak');
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
  // The lowest offset of each 5-minute window: the audio position (a flash reads up to a frame late).
  const windows: { minute: number; ms: number }[] = [];
  for (let m = 0; m < minutes; m += 5) {
    const inside = settled.filter((p) => p.t >= m * 60 && p.t < (m + 5) * 60).map((p) => p.ms);
    if (inside.length > 0) windows.push({ minute: m, ms: Math.min(...inside) });
  }
  for (const w of windows)
    console.log(`minute ${String(w.minute).padStart(3)}: offset ${w.ms.toFixed(1)} ms`);
  const first = windows[0]?.ms ?? NaN;
  const walk = windows.map((w) => w.ms - first);
  const worst = Math.max(...walk.map(Math.abs));
  // Linear fit of the window offsets: ms per minute, extrapolated to 8 hours.
  const n = windows.length;
  const mx = windows.reduce((a, w) => a + w.minute, 0) / n;
  const my = windows.reduce((a, w) => a + w.ms, 0) / n;
  const slope =
    windows.reduce((a, w) => a + (w.minute - mx) * (w.ms - my), 0) /
    Math.max(
      1e-9,
      windows.reduce((a, w) => a + (w.minute - mx) ** 2, 0),
    );
  console.log(
    `${ppm} ppm for ${minutes} min: worst walk ${worst.toFixed(1)} ms, trend ${slope.toFixed(3)} ms/min, ` +
      `8-hour extrapolation ${(slope * 480).toFixed(1)} ms; reported driftPpm ${state.sources.sync?.driftPpm}`,
  );
  console.log(
    JSON.stringify({
      bench: 'soak-drift',
      ppm,
      minutes,
      flashes: settled.length,
      worstWalkMs: Number(worst.toFixed(1)),
      trendMsPerMin: Number(slope.toFixed(4)),
      eightHourMs: Number((slope * 480).toFixed(1)),
      reportedDriftPpm: state.sources.sync?.driftPpm,
    }),
  );
} finally {
  await core.stop();
}
