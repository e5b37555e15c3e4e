// The CCC/voctomix master profile as a pure plan, and the show's check of the slides track's source.
import { describe, expect, it } from 'vitest';
import { parseShow } from '../../../electron/core/show/load.js';
import { cccTracks, defaultSlidesSource } from '../../../electron/core/outputs/profile-ccc.js';
import type { ProfileArgs } from '../../../electron/core/outputs/profiles.js';
import { profilePlan } from '../../../electron/core/outputs/profiles.js';
import { ProfileArgsSchema } from '../../../electron/shared/methods-outputs.js';
import type { Show } from '../../../electron/shared/show.js';
import { ShowSchema } from '../../../electron/shared/show.js';

const showWith = (sources: { id: string; name: string }[], extra: Record<string, unknown> = {}): Show =>
  ShowSchema.parse({
    version: 1,
    sources: sources.map((s) => ({ ...s, kind: 'test' })),
    ...extra,
  });
const ccc = (args: Record<string, unknown>): ProfileArgs =>
  ProfileArgsSchema.parse({ profile: 'ccc', url: 'icecast://source@relay:8000/s1', ...args });

describe('profile ccc', () => {
  it('Matroska to the mount, 1080p25 H.264 high, the slides track at 5 fps, three audio tracks', () => {
    const show = showWith([
      { id: 'cam', name: 'Camera' },
      { id: 'laptop', name: 'Speaker laptop' },
    ]);
    const plan = profilePlan(show, ccc({ key: 'ice-pw-1' }));
    expect(plan.program).toEqual({ width: 1920, height: 1080, fps: 25 });
    expect(plan.encoder).toMatchObject({
      profile: 'high',
      videoKbps: 5000,
      gopSeconds: 2,
      slidesTrack: { source: 'laptop', fps: 5, videoKbps: 500 },
    });
    expect(plan.audioTracks).toEqual([
      { id: 'program', name: 'Native' },
      { id: 'translated', name: 'Translated' },
      { id: 'translated-2', name: 'Translated 2' },
    ]);
    expect(plan.destinations).toEqual([
      {
        id: 'ccc',
        name: 'CCC master (Icecast Matroska)',
        url: 'icecast://source@relay:8000/s1',
        format: 'matroska',
        enabled: true,
        keyRef: 'ccc-password',
      },
    ]);
    expect(plan.secrets).toEqual([{ ref: 'ccc-password', value: 'ice-pw-1' }]);
    expect(plan.renditions).toEqual([]);
    // The plan makes a valid show.
    const { encoder, program, audioTracks, renditions, destinations } = plan;
    const next = ShowSchema.safeParse({ ...show, encoder, program, audioTracks, renditions, destinations });
    expect(next.error).toBeUndefined();
  });

  it('a named slides source and program format win; an unknown source is refused in words', () => {
    const show = showWith([
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ]);
    const plan = profilePlan(show, ccc({ slides: 'b', program: { width: 320, height: 180, fps: 25 } }));
    expect(plan.encoder.slidesTrack?.source).toBe('b');
    expect(plan.program).toEqual({ width: 320, height: 180, fps: 25 });
    expect(plan.secrets).toEqual([]);
    expect(() => profilePlan(show, ccc({ slides: 'nope' }))).toThrow('$.slides: no source "nope"');
    expect(() => profilePlan(showWith([]), ccc({}))).toThrow(/no source for the slides track/);
    expect(ProfileArgsSchema.safeParse({ profile: 'ccc', url: 'icecast://relay:8000' }).success).toBe(false);
  });

  it('the default slides source: "slides" by id or name, else the first that is not a camera', () => {
    expect(
      defaultSlidesSource(
        showWith([
          { id: 'cam', name: 'Camera' },
          { id: 's', name: 'My Slides' },
        ]),
      ),
    ).toBe('s');
    expect(
      defaultSlidesSource(
        showWith([
          { id: 'hdmi1', name: 'HDMI 1' },
          { id: 'hdmi2', name: 'HDMI 2' },
        ]),
      ),
    ).toBe('hdmi1');
    expect(defaultSlidesSource(showWith([{ id: 'cam1', name: 'Cam 1' }]))).toBeNull();
  });

  it('keeps the show’s audio tracks and adds the missing ones after them', () => {
    expect(cccTracks([{ id: 'fr', name: 'Français', language: 'fra' }])).toEqual([
      { id: 'fr', name: 'Français', language: 'fra' },
      { id: 'translated', name: 'Translated' },
      { id: 'translated-2', name: 'Translated 2' },
    ]);
    expect(
      cccTracks([
        { id: 'a', name: 'A' },
        { id: 'translated-2', name: 'X' },
      ]).map((t) => t.id),
    ).toEqual(['a', 'translated-2', 'translated-2-2']);
    const three = [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
      { id: 'c', name: 'C' },
    ];
    expect(cccTracks(three)).toEqual(three);
  });

  it('the show refuses a slides track on a source it does not have', () => {
    const doc = {
      version: 1,
      sources: [{ id: 'a', name: 'A', kind: 'test' }],
      encoder: { slidesTrack: { source: 'ghost' } },
    };
    expect(() => parseShow(doc, 'show.json')).toThrow(
      /encoder\.slidesTrack\.source.*unknown source "ghost" for the slides track/,
    );
    const ok = parseShow({ ...doc, encoder: { slidesTrack: { source: 'a' } } }, 'show.json').show;
    expect(ok.encoder.slidesTrack).toEqual({ source: 'a', fps: 5, videoKbps: 500 });
    expect(
      parseShow({ ...doc, encoder: { slidesTrack: null } }, 'show.json').show.encoder.slidesTrack,
    ).toBeNull();
  });
});
