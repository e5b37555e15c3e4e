// The outputs methods of the method table that are not in methods.ts (spread into `methods`).
import { z } from 'zod';
import type { MethodDef } from './methods.js';
import { SourceIdSchema } from './ids.js';
import { ProgramFormatSchema } from './show.js';

const CheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

export const PreflightSchema = z.object({
  ok: z.boolean().describe('every check passed'),
  checks: z.array(CheckSchema).describe('every check, in words, for the GO LIVE dialog'),
  destinations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      ok: z.boolean(),
      reachable: z.boolean().describe('false for an SRT listener: it waits for a caller'),
      rttMs: z.number().optional().describe('TCP connect time (RTMP, Icecast)'),
      throughputKbps: z.number().optional().describe('not measured yet: absent'),
      detail: z.string(),
    }),
  ),
  disk: z.object({
    ok: z.boolean(),
    freeBytes: z.number(),
    secondsLeft: z.number().nullable().describe('at the encoder’s configured bitrate'),
    detail: z.string(),
  }),
  encoder: z.object({ ok: z.boolean(), speed: z.number().nullable(), detail: z.string() }),
});

const Key = z.string().min(1).max(4096).optional();

export const ProfileArgsSchema = z.discriminatedUnion('profile', [
  z
    .object({
      profile: z.literal('sstic'),
      url: z
        .string()
        .regex(/^rtmps?:\/\//)
        .describe('nginx-rtmp application, e.g. rtmp://ingest/live'),
      key: Key.describe('stream key (stored in the secrets store)'),
      statsUrl: z.url().optional(),
    })
    .strict(),
  z
    .object({
      profile: z.literal('faimaison'),
      url: z
        .string()
        .regex(/^icecast:\/\//)
        .describe('Icecast server, e.g. icecast://source@host:8000'),
      key: Key.describe('source password'),
      statsUrl: z.url().optional(),
    })
    .strict(),
  z
    .object({
      profile: z.literal('ccc'),
      url: z
        .string()
        .regex(
          /^icecast:\/\/[^/\s]+\/\S+$/,
          'an icecast:// URL with its mount, e.g. icecast://source@relay:8000/s1',
        )
        .describe(
          'the Icecast mount of the master, e.g. icecast://source@relay:8000/s1 (Matroska whatever its name)',
        ),
      key: Key.describe('source password'),
      slides: SourceIdSchema.optional().describe(
        'the source of the slides track; default: a source called "slides" (id or name), else the first source whose id and name do not say "cam"',
      ),
      program: ProgramFormatSchema.strict()
        .optional()
        .describe('the program format; default 1920x1080 at 25 fps, the CCC master format'),
      statsUrl: z.url().optional(),
    })
    .strict(),
  z
    .object({
      profile: z.literal('radiofrance'),
      mainUrl: z
        .string()
        .regex(/^srt:\/\//)
        .describe('main SRT listener'),
      backupUrl: z
        .string()
        .regex(/^srt:\/\//)
        .describe('backup SRT listener'),
      key: Key.describe('SRT passphrase, the same for both'),
    })
    .strict(),
]);

export const outputMethods = {
  'profile.apply': {
    description:
      'Apply an event profile: `sstic` (one RTMP destination to nginx-rtmp, H.264 main CBR 4 Mbit/s + AAC ' +
      '128k, slides + camera in picture-in-picture; the recording is the same program), `faimaison` (Icecast: ' +
      '`live.webm` VP8/Opus 360p under 512 kbit/s and `audio.ogg` Vorbis 64k), `ccc` (a CCC/voctomix master: ' +
      'Matroska to one Icecast mount with the program in 1080p25 H.264 high 5 Mbit/s, the slides source as a ' +
      'second H.264 video track at 5 fps, and 3 AAC tracks native/translated/translated-2), `radiofrance` ' +
      '(SRT callers to a main and a backup listener). Replaces the destinations and renditions; refused while ' +
      'live (and, when it changes the program format, while recording).',
    args: ProfileArgsSchema,
    result: z.object({
      profile: z.string(),
      destinations: z.array(z.string()),
      renditions: z.array(z.string()),
    }),
    example: { profile: 'sstic', url: 'rtmp://127.0.0.1:1935/live', key: 'sstic-stream-key' },
  },
  'stream.preflight': {
    description:
      'Check before going live, without starting or publishing anything: each enabled destination’s ' +
      'server (a TCP connect for RTMP and Icecast, an SRT handshake for an SRT caller; an SRT listener ' +
      'only needs its UDP port free), the free disk space for the recording at the encoder’s bitrate ' +
      '(30 minutes or more), and the encoder’s speed (real time). Upload throughput is not measured.',
    args: z
      .object({
        timeoutMs: z.number().int().min(200).max(15_000).default(3000).describe('per destination'),
      })
      .strict(),
    result: PreflightSchema,
    example: {},
  },
} as const satisfies Record<string, MethodDef>;
