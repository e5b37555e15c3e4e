// The audio.* methods of methods-audio.ts: the sync offset and its measurement, audio tracks and routing.
import { ApiError } from '../../shared/errors.js';
import type { SourceId } from '../../shared/ids.js';
import type { Handlers } from '../../shared/methods.js';
import type { SourceAudio } from '../../shared/show.js';
import type { MediaEngine } from '../media.js';
import type { ShowModel } from '../show/model.js';

type AudioHandlers = Pick<
  Handlers,
  'audio.setDelay' | 'audio.calibrate' | 'audio.setTracks' | 'audio.setRouting'
>;

/** Changes one source's mixer settings in the show (saved, applied live). */
export function changeSourceAudio(
  model: ShowModel,
  id: SourceId,
  change: (audio: SourceAudio) => void,
): void {
  const index = model.show.sources.findIndex((s) => s.id === id);
  if (index < 0) throw new ApiError('not_found', `no source "${id}"`);
  model.change((draft) => {
    const src = draft.sources[index];
    if (src) change(src.mixer);
  });
}

export function createAudioHandlers(model: ShowModel, media: MediaEngine): AudioHandlers {
  return {
    'audio.setDelay': ({ source, ms }) => {
      changeSourceAudio(model, source, (a) => void (a.delayMs = ms));
      return { ok: true as const };
    },
    'audio.calibrate': async ({ source, seconds }) => {
      const current = model.show.sources.find((s) => s.id === source);
      if (current === undefined) throw new ApiError('not_found', `no source "${source}"`);
      const { offsetMs, flashes } = await media.measureOffset(source, seconds);
      const delayMs = current.mixer.delayMs;
      // An offset measured with the delay in place: the delay that cancels it moves by its opposite.
      const proposed =
        offsetMs === null ? null : Math.min(2000, Math.max(-500, Math.round(delayMs - offsetMs)));
      return { offsetMs, flashes, delayMs, proposedDelayMs: proposed };
    },
    'audio.setTracks': ({ tracks }) => {
      const ids = new Set(tracks.map((t) => t.id));
      model.change((draft) => {
        draft.audioTracks = tracks;
        for (const s of draft.sources) {
          if (s.mixer.tracks === undefined) continue;
          const kept = s.mixer.tracks.filter((id) => ids.has(id));
          // Off a removed track and on no other: back to the default (the first track).
          if (kept.length === 0 && s.mixer.tracks.length > 0) delete s.mixer.tracks;
          else s.mixer.tracks = kept;
        }
      });
      return { ok: true as const };
    },
    'audio.setRouting': ({ source, tracks }) => {
      const known = new Set(model.show.audioTracks.map((t) => t.id));
      const unknown = tracks.find((t) => !known.has(t));
      if (unknown !== undefined)
        throw new ApiError(
          'invalid_argument',
          `no audio track "${unknown}" (the tracks are: ${[...known].join(', ')})`,
        );
      changeSourceAudio(model, source, (a) => void (a.tracks = [...new Set(tracks)]));
      return { ok: true as const };
    },
  };
}
