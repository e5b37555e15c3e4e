// Lifecycle and unhappy paths of the real core: clean shutdown with no orphans, bad show files,
// no ffmpeg, show changes saved back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, runCore, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { commandLine, descendantsOf, stillAlive } from '../helpers/procfs.js';

const dir = mkdtempSync(join(tmpdir(), 'regie-life-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('core lifecycle', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} stops every child: no process is left behind`, async () => {
      const core = await startCoreProcess(['--demo']);
      const children = await waitFor(() => {
        const d = descendantsOf(core.pid).filter((p) => commandLine(p).includes('ffmpeg'));
        return d.length >= 2 ? d : null;
      });
      const all = descendantsOf(core.pid);
      const t0 = Date.now();
      const code = await core.stop(signal);
      expect(code).toBe(0);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(children.length).toBe(2);
      expect(stillAlive(all)).toEqual([]);
    });
  }

  it('a malformed show file: a clear error naming the file and the path, and a non-zero exit', async () => {
    const file = join(dir, 'bad-show.json');
    writeFileSync(file, JSON.stringify({ version: 1, program: { width: 1280, height: 720, fps: 'thirty' } }));
    const { done } = runCore(['--show', file, '--port', '0', '--data-dir', join(dir, 'd1')]);
    const { code, stdout, stderr } = await done;
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(file);
    expect(stderr).toContain('$.program.fps');
    expect(stderr).toMatch(/expected number/);
  });

  it('a show file that is not JSON, and one that does not exist', async () => {
    const file = join(dir, 'truncated.json');
    writeFileSync(file, '{"version": 1, "sources": [');
    const r1 = await runCore(['--show', file, '--port', '0', '--data-dir', join(dir, 'd2')]).done;
    expect(r1.code).not.toBe(0);
    expect(r1.stderr).toMatch(/truncated\.json[\s\S]*not valid JSON/);
    const r2 = await runCore(['--show', join(dir, 'nope.json'), '--port', '0', '--data-dir', join(dir, 'd2')])
      .done;
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/nope\.json[\s\S]*ENOENT/);
  });

  it('no ffmpeg: says how to install one and exits non-zero', async () => {
    const { code, stderr } = await runCore(['--demo', '--port', '0', '--data-dir', join(dir, 'd3')], {
      REGIE_FFMPEG: join(dir, 'no-ffmpeg'),
    }).done;
    expect(code).not.toBe(0);
    expect(stderr).toContain('No usable ffmpeg');
    expect(stderr).toContain('apt-get install -y ffmpeg');
  });

  it('a bad option prints the usage and exits non-zero', async () => {
    const { code, stderr } = await runCore(['--port', 'many']).done;
    expect(code).toBe(64);
    expect(stderr).toContain('Usage: regie-core');
  });

  it('operator changes are saved back to the show file', async () => {
    const file = join(dir, 'saved-show.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, name: 'Save me', program: { width: 640, height: 360, fps: 25 } }),
    );
    const core = await startCoreProcess(['--show', file]);
    try {
      const added = await call(core, 'source.add', {
        name: 'Colour',
        kind: 'test',
        pattern: 'color',
        color: '#ff0000',
      });
      expect(added).toEqual({ status: 200, body: { result: { id: 'colour' } } });
      await waitFor(
        () =>
          ((JSON.parse(readFileSync(file, 'utf8')) as { sources?: unknown[] }).sources ?? []).length === 1,
        5000,
      );
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
        version: 1,
        name: 'Save me',
        sources: [{ id: 'colour', kind: 'test', color: '#ff0000' }],
      });
      const removed = await call(core, 'source.remove', { id: 'colour' });
      expect(removed.status).toBe(200);
    } finally {
      await core.stop();
    }
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ sources: [] });
  });
});
