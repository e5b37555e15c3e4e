// The audio.* methods of methods-audio.ts: the sync offset and its measurement.
import { ApiError } from '../../shared/errors.js';
import type { SourceId } from '../../shared/ids.js';
import type { Handlers } from '../../shared/methods.js';
import type { SourceAudio } from '../../shared/show.js';
import type { MediaEngine } from '../media.js';
import type { ShowModel } from '../show/model.js';

type AudioHandlers = Pick<Handlers, 'audio.setDelay' | 'audio.calibrate'>;

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
  };
}
