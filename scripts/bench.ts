// npm run bench: every benchmark in turn, each measured against ffmpeg doing the same job in the same run.
// Results: printed, and the JSON lines collected in bench-results/latest.jsonl; docs/BENCHMARKS.md records them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const benches = [
  { name: 'program (standard job)', file: 'scripts/bench-program.ts' },
  { name: 'core ingest', file: 'scripts/bench-core.ts' },
  { name: 'audio DSP', file: 'scripts/bench-audio.ts' },
  { name: 'renditions', file: 'scripts/bench-renditions.ts' },
  { name: 'native compositor', file: 'native/bench/compositor.bench.ts' },
];
const lines: string[] = [];
let failed = false;
for (const b of benches) {
  if (!existsSync(join(root, b.file))) {
    console.log(`(skipping ${b.name}: ${b.file} not present)`);
    continue;
  }
  console.log(`\n=== ${b.name} (${b.file}) ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, b.file)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) failed = true;
  for (const l of r.stdout.split('\n')) if (l.startsWith('{"bench"')) lines.push(l);
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'latest.jsonl'), lines.join('\n') + '\n');
console.log(`\n${lines.length} results written to bench-results/latest.jsonl`);
process.exit(failed ? 1 : 0);
