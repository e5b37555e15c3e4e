// The CCC/voctomix master (profile.apply ccc): Matroska to one Icecast mount, carrying the mix (the program,
// 1080p25 H.264 by default), the slides source as a second H.264 video track at 5 fps, and three AAC tracks
// (native, translated, translated-2), as the CCC's relays and transcoders expect from voctomix.
import { ApiError } from '../../shared/errors.js';
import type { SourceId } from '../../shared/ids.js';
import type { AudioTrack } from '../../shared/show-audio.js';
import type { Show } from '../../shared/show.js';
import type { ProfileArgs, ProfilePlan } from './profiles.js';

type CccArgs = Extract<ProfileArgs, { profile: 'ccc' }>;

export const CCC_PROGRAM = { width: 1920, height: 1080, fps: 25 } as const;

const CCC_TRACKS: readonly AudioTrack[] = [
  { id: 'native', name: 'Native' },
  { id: 'translated', name: 'Translated' },
  { id: 'translated-2', name: 'Translated 2' },
];

/**
 * The slides source when none is named: a source called "slides" (id or name), else the first source whose
 * id and name do not say "cam" (the slides come first by convention, as in the PiP of the sstic profile).
 */
export function defaultSlidesSource(show: Show): SourceId | null {
  const says = (s: Show['sources'][number], re: RegExp): boolean => re.test(s.id) || re.test(s.name);
  const found = show.sources.find((s) => says(s, /slide/i)) ?? show.sources.find((s) => !says(s, /cam/i));
  return found?.id ?? null;
}

/**
 * Three tracks: the show's own are kept as they are (ids, names, languages, so the sources' routing holds),
 * the missing ones added after them. The untouched default track ("Program") is renamed "Native".
 */
export function cccTracks(tracks: readonly AudioTrack[]): AudioTrack[] {
  const out = tracks.map((t, i) =>
    i === 0 && t.id === 'program' && t.name === 'Program' && t.language === undefined
      ? { ...t, name: 'Native' }
      : t,
  );
  for (const wanted of CCC_TRACKS.slice(out.length)) {
    let id = wanted.id;
    for (let n = 2; out.some((t) => t.id === id); n++) id = `${wanted.id}-${n}`;
    out.push({ ...wanted, id });
  }
  return out;
}

export function cccPlan(show: Show, args: CccArgs): ProfilePlan {
  const slides = args.slides ?? defaultSlidesSource(show);
  if (slides === null)
    throw new ApiError(
      'invalid_argument',
      'profile.apply ccc: no source for the slides track: add one, or name it in "slides"',
    );
  if (!show.sources.some((s) => s.id === slides))
    throw new ApiError('invalid_argument', `profile.apply ccc: $.slides: no source "${slides}"`);
  const keyRef = args.key !== undefined ? 'ccc-password' : undefined;
  return {
    encoder: {
      ...show.encoder,
      profile: 'high',
      videoKbps: 5000,
      audioKbps: 128,
      gopSeconds: 2,
      slidesTrack: { source: slides, fps: 5, videoKbps: 500 },
    },
    program: args.program ?? { ...CCC_PROGRAM },
    audioTracks: cccTracks(show.audioTracks),
    renditions: [],
    destinations: [
      {
        id: 'ccc',
        name: 'CCC master (Icecast Matroska)',
        url: args.url,
        format: 'matroska',
        enabled: true,
        ...(keyRef !== undefined ? { keyRef } : {}),
        ...(args.statsUrl !== undefined ? { statsUrl: args.statsUrl } : {}),
      },
    ],
    secrets: keyRef !== undefined && args.key !== undefined ? [{ ref: keyRef, value: args.key }] : [],
    pip: false,
  };
}
