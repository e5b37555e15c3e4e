// The program's audio tracks in the show file: one "program" track by default; up to three (the room
// language plus one or two interpretations, say). Each source feeds the tracks listed in its
// `mixer.tracks` (the first track when absent). The encoder writes one AAC stream per track.
import { z } from 'zod';

export const MAX_AUDIO_TRACKS = 3;

const trackId = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,31}$/, 'a track id is 1-32 letters, digits, "_" or "-"');

export const AudioTrackSchema = z
  .object({
    id: trackId,
    name: z.string().min(1).max(100).describe('written as the stream title (Matroska; MPEG-TS has none)'),
    language: z
      .string()
      .regex(/^[a-z]{3}$/, 'an ISO 639-2 code: three lowercase letters ("eng", "fra", "deu")')
      .optional()
      .describe('ISO 639-2 language code, written in the stream metadata (players offer it by language)'),
  })
  .strict();
export type AudioTrack = z.infer<typeof AudioTrackSchema>;

export const DEFAULT_AUDIO_TRACKS: AudioTrack[] = [{ id: 'program', name: 'Program' }];

export const AudioTracksSchema = z
  .array(AudioTrackSchema)
  .min(1)
  .max(MAX_AUDIO_TRACKS)
  .default(DEFAULT_AUDIO_TRACKS)
  .describe('the audio tracks of the program, in stream order; the first is the main mix (meters, monitor)');

/** A source's routing: the ids of the tracks it feeds. */
export const SourceTracksSchema = z
  .array(trackId)
  .max(MAX_AUDIO_TRACKS)
  .optional()
  .describe('the audio tracks this source feeds (ids from audioTracks); absent: the first track only');

/** The tracks a source feeds, as a bit mask over the show's track list (bit 0 = first track). */
export function trackMask(tracks: readonly AudioTrack[], routing: readonly string[] | undefined): number {
  if (routing === undefined) return 1;
  let mask = 0;
  tracks.forEach((t, i) => {
    if (routing.includes(t.id)) mask |= 1 << i;
  });
  return mask;
}

interface ShowAudioShape {
  audioTracks: readonly AudioTrack[];
  sources: readonly { mixer: { tracks?: readonly string[] | undefined } }[];
}

/** Cross-checks for the show's superRefine: unique track ids, and routings that name existing tracks. */
export function checkAudioTracks(show: ShowAudioShape, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  show.audioTracks.forEach((t, i) => {
    if (ids.has(t.id))
      ctx.addIssue({
        code: 'custom',
        path: ['audioTracks', i, 'id'],
        message: `duplicate track id "${t.id}"`,
      });
    ids.add(t.id);
  });
  show.sources.forEach((s, i) => {
    s.mixer.tracks?.forEach((id, j) => {
      if (!ids.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'mixer', 'tracks', j],
          message: `unknown audio track "${id}"`,
        });
    });
  });
}
