// The audio.* methods added for sync (offset and calibration) and audio tracks, spread into `methods` in
// methods.ts.
import { z } from 'zod';
import { SourceIdSchema } from './ids.js';
import { AudioTrackSchema, MAX_AUDIO_TRACKS } from './show-audio.js';
import type { MethodDef } from './methods.js';

export const audioMethods = {
  'audio.setDelay': {
    description:
      "Set a source's sync offset in ms (-500 to +2000), live and without a click (a 20 ms crossfade). " +
      'A positive value delays its audio; a negative value delays its video instead, for audio that ' +
      'arrives late. Saved in the show (`mixer.delayMs`).',
    args: z.object({ source: SourceIdSchema, ms: z.number().min(-500).max(2000) }).strict(),
    result: z.object({ ok: z.literal(true) }),
    example: { source: 'slides', ms: 40 },
  },
  'audio.calibrate': {
    description:
      "Measure a source's A/V offset: the source must show the sync pattern (a `test` source with " +
      '`pattern: "sync"`, or a phone playing it in front of the camera and heard by its microphone). ' +
      'Flashes and beeps are detected for `seconds`; returns the median offset (+ = audio late) and the ' +
      'delay that would cancel it. Nothing is changed: apply it with audio.setDelay.',
    args: z.object({ source: SourceIdSchema, seconds: z.number().min(2).max(30).default(7) }).strict(),
    result: z.object({
      offsetMs: z.number().nullable().describe('measured A/V offset, + = audio late (null: no flash+beep)'),
      flashes: z.number().int().describe('flash and beep pairs measured'),
      delayMs: z.number().describe('the delay now set'),
      proposedDelayMs: z
        .number()
        .nullable()
        .describe('delayMs that cancels the offset (clamped to -500..2000), null when nothing was measured'),
    }),
    example: { source: 'slides', seconds: 2 },
  },
  'audio.setTracks': {
    description:
      'Set the audio tracks of the program (1 to 3: the room language plus interpretations, say). Each ' +
      'becomes one AAC stream of the encoded program (in the recording, SRT and Icecast Matroska; RTMP ' +
      'carries the first only). A source routed to a track that is removed is routed to the others. ' +
      'The encoder restarts with the new tracks: the outputs see one short gap.',
    args: z
      .object({
        tracks: z
          .array(AudioTrackSchema)
          .min(1)
          .max(MAX_AUDIO_TRACKS)
          .refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'track ids must be unique'),
      })
      .strict(),
    result: z.object({ ok: z.literal(true) }),
    example: { tracks: [{ id: 'program', name: 'Program' }] },
  },
  'audio.setRouting': {
    description:
      'Choose the audio tracks a source feeds (ids from `audioTracks`; an empty list takes it off ' +
      'every track). Live, saved in the show (`mixer.tracks`). Its fader, mute and solo apply on each.',
    args: z
      .object({ source: SourceIdSchema, tracks: z.array(z.string().max(32)).max(MAX_AUDIO_TRACKS) })
      .strict(),
    result: z.object({ ok: z.literal(true) }),
    example: { source: 'slides', tracks: ['program'] },
  },
} as const satisfies Record<string, MethodDef>;
