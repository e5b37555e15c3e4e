import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ShowFileError, loadShowFile, parseShow } from '../../electron/core/show/load.js';
import type { Migration } from '../../electron/core/show/migrate.js';
import { ShowVersionError, migrate } from '../../electron/core/show/migrate.js';
import { ShowSaver } from '../../electron/core/show/save.js';
import { demoShow } from '../../electron/core/show/demo.js';
import { emptyShow } from '../../electron/shared/show.js';
import { recordingLogger } from '../helpers/quiet-logger.js';

const dir = mkdtempSync(join(tmpdir(), 'regie-show-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = join(import.meta.dirname, '../fixtures/shows');

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ShowFileError) return err.problems;
    throw err;
  }
  throw new Error('expected a ShowFileError');
}

describe('show file', () => {
  it('loads a complete show and fills defaults', () => {
    const { show } = loadShowFile(join(fixtures, 'conference.json'));
    expect(show.program).toEqual({ width: 1920, height: 1080, fps: 25 });
    expect(show.sources.map((s) => s.id)).toEqual(['slides', 'camera', 'room-mic']);
    expect(show.destinations[0]).toMatchObject({ id: 'youtube', keyRef: 'youtube-key', enabled: true });
    expect(show.encoder).toEqual({
      codec: 'auto',
      preset: 'veryfast',
      videoKbps: 4000,
      audioKbps: 128,
      gopSeconds: 2,
      profile: 'main',
    });
  });

  it('names the file, the JSON path and what was expected', () => {
    const file = join(fixtures, 'bad-kind.json');
    const err = (() => {
      try {
        loadShowFile(file);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ShowFileError);
    expect(err?.message).toContain(file);
    expect(problems(() => loadShowFile(file)).join('\n')).toMatch(/\$\.sources\[1\]\.kind: /);
  });

  it('reports every problem with its path', () => {
    const p = problems(() =>
      parseShow(
        {
          version: 1,
          program: { width: 1921, height: 1080, fps: 30 },
          sources: [
            { id: 'a', name: 'A', kind: 'test' },
            { id: 'a', name: 'B', kind: 'test' },
          ],
          scene: { layout: 'pip', sources: ['a', 'zz'] },
        },
        'x.json',
      ),
    );
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\$\.program\.width: must be even/),
        expect.stringMatching(/^\$\.sources\[1\]\.id: duplicate source id "a"/),
        expect.stringMatching(/^\$\.scene\.sources\[1\]: unknown source "zz"/),
      ]),
    );
  });

  it('refuses invalid JSON, unknown top-level keys, a missing file and a future version', () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{"version": 1, ');
    expect(problems(() => loadShowFile(bad))[0]).toMatch(/^not valid JSON/);
    expect(problems(() => parseShow({ version: 1, sourcez: [] }, 'x'))[0]).toMatch(
      /^\$: Unrecognized key: "sourcez"/,
    );
    expect(problems(() => loadShowFile(join(dir, 'missing.json')))[0]).toBe('cannot read the file: ENOENT');
    expect(problems(() => parseShow({ version: 7 }, 'x'))[0]).toMatch(/newer Régie/);
    expect(problems(() => parseShow([], 'x'))[0]).toMatch(/expected a JSON object/);
  });

  it('records MPEG-TS when an older show asks for Matroska, and says so', () => {
    const { show, migrated } = parseShow({ version: 1, recording: { container: 'matroska' } }, 'x.json');
    expect(show.recording.container).toBe('mpegts');
    expect(migrated).toEqual([expect.stringMatching(/^recording\.container "matroska" → "mpegts": /)]);
    expect(parseShow({ version: 1 }, 'x.json').migrated).toEqual([]);
  });

  it('never accepts an inline stream key or SRT passphrase', () => {
    const p = problems(() =>
      parseShow(
        {
          version: 1,
          destinations: [
            { id: 'srt', name: 'SRT', url: 'srt://127.0.0.1:9000?mode=caller&passphrase=hunter22hunter22' },
          ],
        },
        'x',
      ),
    );
    expect(p[0]).toMatch(/^\$\.destinations\[0\]\.url: put the SRT passphrase in the secrets store/);
  });

  it('the demo show is two test sources in PiP at 1280x720@30', () => {
    const demo = demoShow();
    expect(demo.program).toEqual({ width: 1280, height: 720, fps: 30 });
    expect(demo.sources).toHaveLength(2);
    expect(demo.scene).toMatchObject({ layout: 'pip', sources: ['slides', 'camera'] });
    expect(emptyShow().sources).toEqual([]);
  });
});

describe('migrations', () => {
  const steps: Migration[] = [
    {
      from: 1,
      description: 'rename format to program',
      up: (d) => ({ ...d, program: d.format, format: undefined }),
    },
    { from: 2, description: 'add name', up: (d) => ({ ...d, name: d.name ?? 'Untitled' }) },
  ];

  it('runs each vN→vN+1 step in order', () => {
    const out = migrate({ version: 1, format: { width: 640 } }, steps, 3);
    expect(out.doc).toEqual({ version: 3, program: { width: 640 }, format: undefined, name: 'Untitled' });
    expect(out.applied).toEqual(['v1→v2: rename format to program', 'v2→v3: add name']);
  });

  it('is a no-op at the current version, and refuses gaps, futures and non-numbers', () => {
    expect(migrate({ version: 1 }).applied).toEqual([]);
    expect(() => migrate({ version: 1 }, [], 2)).toThrow(ShowVersionError);
    expect(() => migrate({ version: 3 }, steps, 2)).toThrow(/newer Régie/);
    expect(() => migrate({ version: '1' }, steps, 2)).toThrow(/whole number/);
  });
});

describe('ShowSaver', () => {
  it('debounces writes and writes atomically', () => {
    vi.useFakeTimers();
    try {
      const file = join(dir, 'saved.json');
      const saver = new ShowSaver(file, recordingLogger(), 500);
      const show = demoShow();
      saver.schedule({ ...show, name: 'one' });
      saver.schedule({ ...show, name: 'two' });
      expect(() => readFileSync(file)).toThrow();
      vi.advanceTimersByTime(500);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ name: 'two', version: 1 });
      saver.saveNow({ ...show, name: 'three' });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ name: 'three' });
    } finally {
      vi.useRealTimers();
    }
  });
});
