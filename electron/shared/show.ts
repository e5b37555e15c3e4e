// The show file, version 1: what the operator prepared (sources, layouts, destinations, recording, encoder).
// Validated with zod where it enters; docs/show.schema.json is exported from these schemas.
import { z } from 'zod';
import { ControlSchema } from './show-control.js';
import { AudioTracksSchema, SourceTracksSchema, checkAudioTracks } from './show-audio.js';
import { DestinationIdSchema, LayoutIdSchema, SecretRefSchema, SourceIdSchema } from './ids.js';

export const SHOW_VERSION = 1;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is "#rrggbb"');
const evenDimension = (max: number) =>
  z
    .number()
    .int()
    .min(16)
    .max(max)
    .refine((n) => n % 2 === 0, 'must be even (4:2:0 video)');

export const ProgramFormatSchema = z
  .object({
    width: evenDimension(7680).default(1920),
    height: evenDimension(4320).default(1080),
    fps: z.number().positive().max(120).default(30),
  })
  .describe('The program format: every source is normalized to it.');

export const SourceAudioSchema = z.object({
  gainDb: z.number().min(-60).max(20).default(0).describe('fader, in dB'),
  muted: z.boolean().default(false),
  followsVideo: z
    .boolean()
    .default(false)
    .describe('heard only while the source is on program (off for the room microphone)'),
  delayMs: z
    .number()
    .min(-500)
    .max(2000)
    .default(0)
    .describe('sync offset: delays the audio (+) or, for audio that arrives late, the video (-), in ms'),
  tracks: SourceTracksSchema,
});
export type SourceAudio = z.infer<typeof SourceAudioSchema>;

const sourceCommon = {
  id: SourceIdSchema,
  name: z.string().min(1).max(100),
  mixer: SourceAudioSchema.default({ gainDb: 0, muted: false, followsVideo: false, delayMs: 0 }).describe(
    'the source on the program audio bus',
  ),
  audioDevice: z
    .string()
    .min(1)
    .optional()
    .describe(
      "an audio device id from devices.list that replaces the source's own audio (a screen with the room microphone); for a device source, `audio`",
    ),
};

export const TestSourceSchema = z.object({
  ...sourceCommon,
  kind: z.literal('test'),
  pattern: z
    .enum(['bars', 'motion', 'color', 'sync'])
    .default('bars')
    .describe('sync: a white flash with a beep every 2 s, for measuring A/V offset (audio.calibrate)'),
  color: hexColor.optional(),
  toneHz: z.number().positive().max(20000).optional(),
  toneDbfs: z.number().min(-90).max(0).default(-20),
  label: z.boolean().default(true),
  audioClockPpm: z
    .number()
    .min(-5000)
    .max(5000)
    .optional()
    .describe('makes the audio clock run this many ppm fast (+) or slow (-): simulates a drifting device'),
});

export const FileSourceSchema = z.object({
  ...sourceCommon,
  kind: z.literal('file'),
  path: z.string().min(1),
  loop: z.boolean().default(true),
});

export const UrlSourceSchema = z.object({
  ...sourceCommon,
  kind: z.literal('url'),
  url: z
    .string()
    .regex(
      /^(srt|rtmp|rtmps|udp|rtp|http|https|rist|tcp):\/\//,
      'a URL ffmpeg can open (srt://, rtmp://, udp://, http(s)://…)',
    ),
});

export const DeviceSourceSchema = z.object({
  ...sourceCommon,
  kind: z.literal('device'),
  video: z.string().min(1).optional().describe('video device id from devices.list'),
  audio: z.string().min(1).optional().describe('audio device id from devices.list'),
});

export const ScreenSourceSchema = z.object({
  ...sourceCommon,
  kind: z.literal('screen'),
  display: z.string().default(':0.0').describe('X display, monitor index or screen name'),
});

export const ImageSourceSchema = z.object({
  ...sourceCommon,
  kind: z.literal('image'),
  path: z.string().min(1),
});

export const SourceSchema = z.discriminatedUnion('kind', [
  TestSourceSchema,
  FileSourceSchema,
  UrlSourceSchema,
  DeviceSourceSchema,
  ScreenSourceSchema,
  ImageSourceSchema,
]);
export type Source = z.infer<typeof SourceSchema>;

/** A source as given to source.add: the id is optional (it is made from the name). */
const withOptionalId = { id: SourceIdSchema.optional() };
export const SourceInputSchema = z.discriminatedUnion('kind', [
  TestSourceSchema.extend(withOptionalId),
  FileSourceSchema.extend(withOptionalId),
  UrlSourceSchema.extend(withOptionalId),
  DeviceSourceSchema.extend(withOptionalId),
  ScreenSourceSchema.extend(withOptionalId),
  ImageSourceSchema.extend(withOptionalId),
]);
export type SourceInput = z.infer<typeof SourceInputSchema>;
export type SourceKind = Source['kind'];

/** A rectangle in fractions of the program frame (0..1), so layouts survive a change of program size. */
export const RectSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().positive().max(1),
  h: z.number().positive().max(1),
});
export type Rect = z.infer<typeof RectSchema>;

export const BuiltinLayoutSchema = z.enum(['full', 'pip', 'sideBySide', 'lecture']);
export type BuiltinLayout = z.infer<typeof BuiltinLayoutSchema>;
export const CornerSchema = z.enum(['tl', 'tr', 'bl', 'br']);

export const CustomLayoutSchema = z.object({
  id: LayoutIdSchema,
  name: z.string().min(1).max(100),
  slots: z
    .array(z.object({ rect: RectSchema, border: z.number().int().min(0).max(20).default(0) }))
    .min(1)
    .max(8)
    .describe('slot i shows the i-th selected source, drawn in order'),
});
export type CustomLayout = z.infer<typeof CustomLayoutSchema>;

export const ProgramSceneSchema = z.object({
  layout: z.union([BuiltinLayoutSchema, LayoutIdSchema]).default('full'),
  sources: z.array(SourceIdSchema).max(8).default([]),
  corner: CornerSchema.default('br'),
  size: z.number().min(0.1).max(0.5).default(0.25).describe('inset width as a fraction of the program width'),
});
export type ProgramScene = z.infer<typeof ProgramSceneSchema>;

/** An extra encode of the program for destinations that need less (a 540p or 512 kbit/s stream, audio only). */
export const RenditionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1).max(100).optional(),
  height: evenDimension(4320).optional().describe('scaled to this height, keeping the aspect ratio'),
  videoKbps: z.number().int().min(50).max(100_000).optional(),
  audioKbps: z.number().int().min(16).max(512).default(96),
  audioOnly: z.boolean().default(false),
  fps: z.number().min(1).max(60).optional().describe('a lower frame rate (e.g. 15 for a thin link)'),
});
export type Rendition = z.infer<typeof RenditionSchema>;

export const DestinationSchema = z.object({
  id: DestinationIdSchema,
  name: z.string().min(1).max(100),
  url: z
    .string()
    .regex(/^(rtmp|rtmps|srt|icecast):\/\//, 'rtmp://, rtmps://, srt:// or icecast://')
    .refine(
      (u) => !/[?&]passphrase=/.test(u),
      'put the SRT passphrase in the secrets store (keyRef), not in the URL',
    ),
  keyRef: SecretRefSchema.optional().describe('stream key or passphrase, by reference to the secrets store'),
  enabled: z.boolean().default(true),
  statsUrl: z
    .url()
    .optional()
    .describe(
      "the ingest server's stats page, polled to confirm our stream: nginx-rtmp /stat or Icecast /status-json.xsl",
    ),
  format: z
    .enum(['matroska', 'webm', 'ogg'])
    .optional()
    .describe(
      'Icecast container (default from the mount: .mkv, .webm, .ogg): matroska H.264 + AAC, webm VP8 + Opus, ogg Theora + Vorbis',
    ),
  rendition: z.string().optional().describe('the id of a rendition to send instead of the program'),
});
export type Destination = z.infer<typeof DestinationSchema>;

export const SlidesTrackSchema = z
  .object({
    source: SourceIdSchema.describe(
      'the source carried full frame at the program size (its no-signal slate when it has none)',
    ),
    fps: z
      .number()
      .min(1)
      .max(30)
      .default(5)
      .describe(
        "frames per second: the program's rate divided by a whole number, the nearest to this (5 at 25 or 30 fps)",
      ),
    videoKbps: z.number().int().min(50).max(20_000).default(500).describe('H.264 (x264) CBR, kbit/s'),
  })
  .strict();
export type SlidesTrack = z.infer<typeof SlidesTrackSchema>;

export const EncoderSettingsSchema = z.object({
  codec: z
    .enum(['auto', 'libx264', 'h264_vaapi', 'h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_amf'])
    .default('auto')
    .describe('auto: x264, or a hardware encoder that passed its trial encode'),
  preset: z
    .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow'])
    .default('veryfast'),
  videoKbps: z.number().int().min(100).max(100_000).default(4000),
  audioKbps: z.number().int().min(32).max(512).default(128),
  gopSeconds: z.number().min(0.5).max(10).default(2),
  profile: z.enum(['baseline', 'main', 'high']).default('main'),
  slidesTrack: SlidesTrackSchema.nullable()
    .optional()
    .describe(
      'a second video track with one source (the slides) beside the program, as in a CCC/voctomix master; absent or null: none',
    ),
});
export type EncoderSettingsShow = z.infer<typeof EncoderSettingsSchema>;

export const OverlaysSchema = z.object({
  timestamp: z
    .boolean()
    .default(false)
    .describe('a band with the wall clock (HH:MM:SS.mmm) so viewers can measure their lag'),
  logo: z
    .object({
      path: z.string().min(1).describe('PNG with transparency'),
      corner: CornerSchema.default('tr'),
      width: z.number().min(0.02).max(0.5).default(0.12).describe('fraction of the program width'),
    })
    .nullable()
    .default(null),
});
export type Overlays = z.infer<typeof OverlaysSchema>;

export const RecordingSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  directory: z.string().optional().describe('defaults to <data-dir>/recordings'),
  segmentMinutes: z.number().int().min(1).max(240).default(15),
  container: z
    .enum(['mpegts', 'matroska'])
    .default('mpegts')
    .describe(
      'MPEG-TS segments, which play to their last packet after a crash or a power cut. "matroska" is read from older show files and recorded as MPEG-TS (remux with ffmpeg -c copy for an editor)',
    ),
});

export const ShowSchemaV1 = z
  .object({
    $schema: z.string().optional().describe('path or URL of show.schema.json, for editors'),
    version: z.literal(1),
    name: z.string().min(1).max(200).default('Untitled show'),
    program: ProgramFormatSchema.default({ width: 1920, height: 1080, fps: 30 }),
    sources: z.array(SourceSchema).default([]),
    layouts: z.array(CustomLayoutSchema).default([]),
    scene: ProgramSceneSchema.default({ layout: 'full', sources: [], corner: 'br', size: 0.25 }),
    destinations: z.array(DestinationSchema).default([]),
    renditions: z.array(RenditionSchema).max(8).default([]),
    overlays: OverlaysSchema.default({ timestamp: false, logo: null }),
    recording: RecordingSettingsSchema.default({ enabled: true, segmentMinutes: 15, container: 'mpegts' }),
    control: ControlSchema.default({ osc: null, tallyWebhook: null }).describe(
      'control surfaces: OSC and the tally webhook',
    ),
    audioTracks: AudioTracksSchema,
    encoder: EncoderSettingsSchema.default({
      codec: 'auto',
      preset: 'veryfast',
      videoKbps: 4000,
      audioKbps: 128,
      gopSeconds: 2,
      profile: 'main',
    }),
  })
  .strict()
  .superRefine((show, ctx) => {
    const ids = new Set<string>();
    show.sources.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'id'],
          message: `duplicate source id "${s.id}"`,
        });
      ids.add(s.id);
    });
    show.scene.sources.forEach((id, i) => {
      if (!ids.has(id))
        ctx.addIssue({ code: 'custom', path: ['scene', 'sources', i], message: `unknown source "${id}"` });
    });
    const dests = new Set<string>();
    show.destinations.forEach((d, i) => {
      if (dests.has(d.id))
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', i, 'id'],
          message: `duplicate destination id "${d.id}"`,
        });
      dests.add(d.id);
      if (d.rendition !== undefined && !show.renditions.some((r) => r.id === d.rendition))
        ctx.addIssue({
          code: 'custom',
          path: ['destinations', i, 'rendition'],
          message: `unknown rendition "${d.rendition}"`,
        });
    });
    checkAudioTracks(show, ctx);
    const slides = show.encoder.slidesTrack?.source;
    if (slides !== undefined && !ids.has(slides))
      ctx.addIssue({
        code: 'custom',
        path: ['encoder', 'slidesTrack', 'source'],
        message: `unknown source "${slides}" for the slides track (it must be one of the show's sources)`,
      });
  });
export type Show = z.infer<typeof ShowSchemaV1>;

export const ShowSchema = ShowSchemaV1;

export function emptyShow(): Show {
  return ShowSchema.parse({ version: SHOW_VERSION });
}
