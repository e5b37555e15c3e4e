// The console's pure logic: meter scale and peak hold, shortcuts, layout buttons, telemetry accessors
// on untrusted input, formatting, the preflight report reader (on a real preflight result) and the source editor's argument builder.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../../electron/core/outputs/preflight.js';
import { parseShow } from '../../../electron/core/show/load.js';
import type { JsonValue } from '../../../electron/shared/patch.js';
import { ProgramSceneSchema } from '../../../electron/shared/show.js';
import { preflightChecks } from '../../../renderer/src/components/Confirm.js';
import { inputOf } from '../../../renderer/src/components/SourceEditor.js';
import { clock, db, timeLeft } from '../../../renderer/src/format.js';
import { History } from '../../../renderer/src/history.js';
import { layoutChoices } from '../../../renderer/src/layouts.js';
import { meterFraction, PeakHold } from '../../../renderer/src/meter-math.js';
import { actionFor } from '../../../renderer/src/shortcuts.js';
import { destinationTelemetry, programAudio, sourceAudio } from '../../../renderer/src/telemetry.js';

describe('meter', () => {
  it('maps -60…0 dBFS to 0…1 and clamps', () => {
    expect(meterFraction(-60)).toBe(0);
    expect(meterFraction(-30)).toBe(0.5);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(3)).toBe(1);
    expect(meterFraction(-144)).toBe(0);
    expect(meterFraction(Number.NaN)).toBe(0);
  });

  it('holds the peak for 1.5 s, then lets it fall at 20 dB/s', () => {
    const h = new PeakHold();
    expect(h.update(-6, 1000)).toBe(-6);
    expect(h.update(-30, 2000)).toBe(-6);
    expect(h.update(-30, 2500)).toBe(-6);
    expect(h.update(-30, 2600)).toBeCloseTo(-8, 5);
    expect(h.update(-30, 4000)).toBe(-30);
    expect(h.update(-3, 4100)).toBe(-3);
  });
});

describe('shortcuts', () => {
  const key = (k: string, o: Partial<{ ctrl: boolean; field: boolean }> = {}) =>
    actionFor({
      key: k,
      ctrlKey: o.ctrl ?? false,
      metaKey: false,
      altKey: false,
      targetIsField: o.field ?? false,
    });
  it('maps the keys to actions', () => {
    expect(key('3')).toEqual({ kind: 'layout', key: '3' });
    expect(key(' ')).toEqual({ kind: 'take' });
    expect(key('C')).toEqual({ kind: 'take', transition: 'cut' });
    expect(key('l', { ctrl: true })).toEqual({ kind: 'goLive' });
    expect(key('l')).toBeNull();
    expect(key('?')).toEqual({ kind: 'help' });
    expect(key('7')).toBeNull();
  });
  it('never fires while typing in a field', () => {
    expect(key('3', { field: true })).toBeNull();
    expect(key('l', { ctrl: true, field: true })).toBeNull();
  });
});

describe('layout buttons', () => {
  it('full B puts B alone; the pressed state follows the preview scene', () => {
    const choices = layoutChoices([{ id: 'two' as never, name: 'Two up', slots: [] }]);
    expect(choices.map((c) => c.key)).toEqual(['1', '2', '3', '4', '5', '6']);
    const fullB = choices.find((c) => c.id === 'fullB');
    expect(fullB?.args('a', 'b', 'br')).toEqual({ layout: 'full', a: 'b' });
    const scene = ProgramSceneSchema.parse({ layout: 'full', sources: ['b'] });
    expect(choices.filter((c) => c.matches(scene, 'a', 'b')).map((c) => c.id)).toEqual(['fullB']);
    expect(choices.find((c) => c.id === 'pip')?.args('a', 'b', 'tl')).toEqual({
      layout: 'pip',
      a: 'a',
      b: 'b',
      corner: 'tl',
    });
  });
});

describe('telemetry accessors', () => {
  it('read real values and survive garbage', () => {
    const t = {
      audio: {
        program: { peakDb: -6, rmsDb: -9, lufsM: -23, lufsS: -23.5, lufsI: -24, lra: 3 },
        sources: [{ id: 'cam', peakDb: -20, rmsDb: -23 }],
      },
      outputs: { destinations: { yt: { state: 'live', bitrateKbps: 4100, srt: { rttMs: 12 } } } },
    };
    expect(programAudio(t).lufsI).toBe(-24);
    expect(sourceAudio(t, 'cam').peakDb).toBe(-20);
    expect(sourceAudio(t, 'nobody').peakDb).toBe(-144);
    const d = destinationTelemetry(t, 'yt');
    expect(d.state).toBe('live');
    expect(d.srt?.rttMs).toBe(12);
    expect(d.ingest).toBeNull();
    const junks: JsonValue[] = [null, 42, 'x', [], { audio: 'no' }, { outputs: { destinations: [] } }];
    for (const junk of junks) {
      expect(programAudio(junk).peakDb).toBe(-144);
      expect(destinationTelemetry(junk, 'yt').bitrateKbps).toBe(0);
    }
  });
});

describe('formatting and history', () => {
  it('formats clocks, levels and time left', () => {
    expect(clock(3725.9)).toBe('01:02:05');
    expect(db(-23.04, 'LUFS')).toBe('-23.0 LUFS');
    expect(db(-144)).toBe('-inf dB');
    expect(timeLeft(12_000)).toBe('3 h 20 min');
    expect(timeLeft(1799)).toBe('29 min');
  });
  it('keeps the last N values', () => {
    const h = new History(3);
    for (const v of [1, 5, 2, 4]) h.push(v);
    expect(h.list()).toEqual([5, 2, 4]);
    expect(h.max()).toBe(5);
  });
});

describe('preflight report and source editor', () => {
  it('reads the checks of a real stream.preflight result, and refuses another shape', async () => {
    const { show } = parseShow(
      {
        version: 1,
        name: 'T',
        destinations: [{ id: 'yt', name: 'YouTube', url: 'rtmp://127.0.0.1:1/live' }],
      },
      'show.json',
    );
    const report = await preflight({
      show,
      recordingDir: tmpdir(),
      secret: () => null,
      srtTool: null,
      encoderSpeed: 1.0,
      timeoutMs: 300,
    });
    const checks = preflightChecks(JSON.parse(JSON.stringify(report)));
    expect(checks.map((c) => c.name)).toEqual(['Destination YouTube', 'Disk space', 'Encoder speed']);
    expect(checks[0]).toMatchObject({ ok: false });
    expect(checks[0]?.detail).toMatch(/refused/);
    expect(checks[2]).toMatchObject({ ok: true });
    expect(() => preflightChecks({ ok: true })).toThrow(/cannot read/);
    expect(() => preflightChecks('nonsense')).toThrow(/cannot read/);
  });
  it('builds source.add arguments with only the fields of the kind', () => {
    expect(
      inputOf({ kind: 'test', name: 'T', pattern: 'bars', toneHz: '1000', toneDbfs: '-20', url: 'x' }),
    ).toEqual({
      kind: 'test',
      name: 'T',
      pattern: 'bars',
      toneHz: 1000,
      toneDbfs: -20,
    });
    expect(inputOf({ kind: 'url', name: 'Remote', url: 'srt://0.0.0.0:9000?mode=listener' })).toEqual({
      kind: 'url',
      name: 'Remote',
      url: 'srt://0.0.0.0:9000?mode=listener',
    });
  });
});
