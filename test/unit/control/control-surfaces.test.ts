// Control-surface building blocks: the failed-auth limiter, tally derivation and the OSC feedback diff.
import { describe, expect, it } from 'vitest';
import type { OscOut } from '../../../electron/core/control/osc-feedback.js';
import {
  MAX_SUBSCRIBERS,
  OscFeedback,
  meterMessages,
  stateMessages,
} from '../../../electron/core/control/osc-feedback.js';
import { AuthGate } from '../../../electron/core/control/auth.js';
import { fixedAddress, normalizeAddress } from '../../../electron/core/control/osc.js';
import { deriveTally } from '../../../electron/core/control/tally.js';
import { demoShow } from '../../../electron/core/show/demo.js';
import type { CoreState } from '../../../electron/shared/state.js';
import { ProgramSceneSchema } from '../../../electron/shared/show.js';
import type { ProgramScene } from '../../../electron/shared/show.js';
import type { OscTarget } from '../../../electron/shared/show-control.js';
import { computeTally } from '../../../electron/shared/tally.js';

describe('AuthGate', () => {
  it('lets the right token in and counts failures per address, then locks the address out', () => {
    let t = 0;
    const gate = new AuthGate('secret-token', {
      maxFailures: 3,
      windowMs: 10_000,
      lockMs: 30_000,
      now: () => t,
    });
    expect(gate.check('secret-token', 'a')).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) expect(gate.check('wrong', 'a')).toEqual({ ok: false, limited: false });
    expect(gate.check('wrong', 'a')).toEqual({ ok: false, limited: true, retryAfterS: 30 });
    // locked: even the right token is refused, and another address is not affected
    t = 5000;
    expect(gate.check('secret-token', 'a')).toEqual({ ok: false, limited: true, retryAfterS: 25 });
    expect(gate.check('secret-token', 'b')).toEqual({ ok: true });
    t = 30_001;
    expect(gate.check('secret-token', 'a')).toEqual({ ok: true });
  });

  it('forgets failures older than the window', () => {
    let t = 0;
    const gate = new AuthGate('secret-token', { maxFailures: 2, windowMs: 1000, now: () => t });
    for (let i = 0; i < 10; i++) {
      expect(gate.check(null, 'a').ok).toBe(false);
      expect(gate.check('x', 'a')).toEqual({ ok: false, limited: false });
      t += 1001;
    }
  });
});

describe('tally', () => {
  const show = demoShow();
  const scene = (x: unknown): ProgramScene => ProgramSceneSchema.parse(x);
  const full = scene({ layout: 'full', sources: ['camera'] });

  it('program wins over preview; a source in neither scene is off', () => {
    expect(
      computeTally({
        sources: ['slides', 'camera', 'spare'],
        program: show.scene,
        preview: full,
        blank: false,
        layouts: [],
      }),
    ).toEqual({ slides: 'program', camera: 'program', spare: 'off' });
    expect(
      computeTally({
        sources: ['slides', 'camera'],
        program: full,
        preview: show.scene,
        blank: false,
        layouts: [],
      }),
    ).toEqual({ slides: 'preview', camera: 'program' });
  });

  it('nothing is on air under the break slate', () => {
    expect(
      computeTally({
        sources: ['slides', 'camera'],
        program: show.scene,
        preview: full,
        blank: true,
        layouts: [],
      }),
    ).toEqual({ slides: 'off', camera: 'preview' });
  });

  it('a custom layout draws only the sources it has rectangles for', () => {
    const layouts = [
      { id: 'one', name: 'One', slots: [{ rect: { x: 0, y: 0, w: 1, h: 1 }, border: 0 }] },
    ] as CoreState['show']['layouts'];
    expect(
      computeTally({
        sources: ['slides', 'camera'],
        program: scene({ layout: 'one', sources: ['slides', 'camera'] }),
        preview: scene({ layout: 'full', sources: [] }),
        blank: false,
        layouts,
      }),
    ).toEqual({ slides: 'program', camera: 'off' });
  });
});

function coreState(): CoreState {
  const show = demoShow();
  const s = {
    show,
    preview: { layout: 'full', sources: ['camera'], corner: 'br', size: 0.25 },
    program: { blank: null, live: false, recording: false },
    tally: {},
  } as unknown as CoreState;
  deriveTally(s);
  return s;
}

describe('OSC feedback', () => {
  it('describes tally, on-air, recording, layout, blank and the faders', () => {
    const m = stateMessages(coreState());
    expect(m.get('/regie/tally/slides')).toEqual(['program']);
    expect(m.get('/regie/tally/slides/program')).toEqual([1]);
    expect(m.get('/regie/tally/camera/preview')).toEqual([0]);
    expect(m.get('/regie/onair')).toEqual([0]);
    expect(m.get('/regie/recording')).toEqual([0]);
    expect(m.get('/regie/program/layout')).toEqual(['pip', 'slides', 'camera']);
    expect(m.get('/regie/preview/layout')).toEqual(['full', 'camera', '']);
    expect(m.get('/regie/blank')).toEqual(['off']);
    expect(m.get('/regie/audio/camera/gain')).toEqual([0]);
  });

  it('sends only what changed, everything to a new subscriber, and caps the subscribers', () => {
    const sent: { target: OscTarget; msgs: readonly OscOut[] }[] = [];
    const fb = new OscFeedback(
      (target, msgs) => sent.push({ target, msgs }),
      () => [{ host: '10.0.0.9', port: 9 }],
    );
    const st = coreState();
    fb.stateChanged(st);
    expect(sent).toHaveLength(1);
    sent.length = 0;
    fb.stateChanged(st);
    expect(sent).toHaveLength(0);
    st.program.live = true;
    fb.stateChanged(st);
    expect(sent[0]?.msgs).toEqual([{ address: '/regie/onair', args: [1] }]);
    sent.length = 0;
    fb.subscribe({ host: '127.0.0.1', port: 9000 }, st);
    expect(sent[0]?.target).toEqual({ host: '127.0.0.1', port: 9000 });
    expect(sent[0]?.msgs.length).toBe(stateMessages(st).size);
    for (let i = 0; i < MAX_SUBSCRIBERS + 5; i++) fb.subscribe({ host: '127.0.0.1', port: 10_000 + i }, st);
    expect(fb.targets()).toHaveLength(MAX_SUBSCRIBERS + 1); // + the static target
    expect(fb.targets().some((t) => t.port === 9000)).toBe(false);
    fb.unsubscribe({ host: '127.0.0.1', port: 10_000 + MAX_SUBSCRIBERS + 4 });
    expect(fb.targets()).toHaveLength(MAX_SUBSCRIBERS);
  });

  it('meters are rounded to 0.1 dB', () => {
    const out = meterMessages({
      program: { peakDb: -6.04, rmsDb: -9.06, lufsM: -23.01, lufsS: -23, lufsI: -23, lra: 0 },
      sources: [
        { id: 'camera', peakDb: -20.04, rmsDb: -23.06, gainDb: 0, muted: false, solo: false, delayMs: 0 },
      ],
    });
    expect(out).toEqual([
      { address: '/regie/meter/program', args: [-6, -9.1, -23] },
      { address: '/regie/meter/camera', args: [-20, -23.1] },
    ]);
  });
});

describe('OSC addresses', () => {
  it('maps the fixed addresses and normalises IPv4-mapped senders', () => {
    expect(fixedAddress('/regie/blank', ['off'])).toEqual({
      method: 'program.setBlank',
      args: { slate: null },
    });
    expect(fixedAddress('/regie/audio/cam/mute', [1])).toEqual({
      method: 'audio.setMute',
      args: { source: 'cam', muted: true },
    });
    expect(fixedAddress('/regie/nothing', [])).toBeNull();
    expect(normalizeAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
  });
});

describe('OSC mute argument', () => {
  it('takes 0 or 1 (or a boolean); any other value is refused, not taken as "on"', () => {
    const muted = (v: unknown) =>
      (fixedAddress('/regie/audio/cam/mute', [v])?.args as { muted?: boolean }).muted;
    expect(muted(1)).toBe(true);
    expect(muted(0)).toBe(false);
    expect(muted(true)).toBe(true);
    expect(muted(537)).toBeUndefined();
    expect(muted('1')).toBeUndefined();
  });
});
