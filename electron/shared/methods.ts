// The one method table. Every operator action is a method with a zod-validated argument object and a
// zod-described result. HTTP, WebSocket and OSC are generated from this table, never written per method.
// This is a public contract: extend it, never rename.
import { z } from 'zod';
import { DestinationIdSchema, LayoutIdSchema, SecretRefSchema, SourceIdSchema } from './ids.js';
import {
  BuiltinLayoutSchema,
  CornerSchema,
  DestinationSchema,
  EncoderSettingsSchema,
  OverlaysSchema,
  ProgramFormatSchema,
  ProgramSceneSchema,
  ShowSchema,
  SourceInputSchema,
} from './show.js';
import { FfmpegCapabilitiesSchema } from './state.js';
import { deviceMethods } from './methods-devices.js';
import { audioMethods } from './methods-audio.js';
import { outputMethods } from './methods-outputs.js';

const Empty = z.object({}).strict();

export const TransitionSchema = z
  .object({ type: z.enum(['cut', 'fade', 'morph']), ms: z.number().int().min(0).max(10_000).default(500) })
  .describe('cut, fade (crossfade) or morph (the rectangles move); ms is the duration');

const SceneArgs = z
  .object({
    layout: z.union([BuiltinLayoutSchema, LayoutIdSchema]),
    sources: z.array(SourceIdSchema).max(8).optional(),
    a: SourceIdSchema.optional(),
    b: SourceIdSchema.optional(),
    corner: CornerSchema.optional(),
    size: z
      .number()
      .min(0.1)
      .max(0.5)
      .optional()
      .describe('PiP inset width as a fraction of the program width'),
  })
  .strict();
const Ok = z.object({ ok: z.literal(true) });

const DestinationInput = DestinationSchema.extend({
  id: DestinationIdSchema.optional(),
  key: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe('stream key (RTMP) or passphrase (SRT): stored in the secrets store, never in the show'),
});

export interface MethodDef {
  description: string;
  args: z.ZodType;
  result: z.ZodType;
  /** An argument object for the docs' curl example; a test runs every example against a real core. */
  example: Record<string, unknown>;
}

export const methods = {
  ...deviceMethods,
  ...audioMethods,
  'core.ping': {
    description: 'Liveness check through the authenticated API.',
    args: Empty,
    result: z.object({ pong: z.literal(true), time: z.string() }),
    example: {},
  },
  'core.capabilities': {
    description: 'What the chosen ffmpeg can do (probed once at start).',
    args: Empty,
    result: FfmpegCapabilitiesSchema,
    example: {},
  },
  'show.get': {
    description: 'The current show (stream keys are references, never values).',
    args: Empty,
    result: ShowSchema,
    example: {},
  },
  'show.save': {
    description: 'Write the show file now (it is also saved automatically, debounced, after every change).',
    args: Empty,
    result: z.object({ path: z.string().nullable() }),
    example: {},
  },
  'program.setLayout': {
    description:
      'Put a layout on program with its sources: full (a), pip (a full frame, b inset), sideBySide, lecture (a large, b small), or a custom layout id. Optional transition: cut (default), fade or morph.',
    args: SceneArgs.extend({ transition: TransitionSchema.optional() }).strict(),
    result: ProgramSceneSchema,
    example: {
      layout: 'pip',
      a: 'slides',
      b: 'camera',
      corner: 'tr',
      size: 0.3,
      transition: { type: 'fade', ms: 500 },
    },
  },
  'preview.setLayout': {
    description: 'Prepare a layout on preview (studio mode); program.take puts it on program.',
    args: SceneArgs,
    result: ProgramSceneSchema,
    example: { layout: 'sideBySide', a: 'slides', b: 'camera' },
  },
  'program.take': {
    description:
      'Put the preview on program with a transition (default: fade 500 ms); the old program goes to preview.',
    args: z.object({ transition: TransitionSchema.optional() }).strict(),
    result: ProgramSceneSchema,
    example: { transition: { type: 'morph', ms: 800 } },
  },
  'program.setBlank': {
    description:
      'Show a full-frame slate over the program ("break": we will be right back; "closed": the end) or remove it (null). It fades in and out; the sources keep running underneath.',
    args: z.object({ slate: z.enum(['break', 'closed']).nullable() }).strict(),
    result: z.object({ blank: z.enum(['break', 'closed']).nullable() }),
    example: { slate: 'break' },
  },
  'program.setOverlays': {
    description: 'Turn the timestamp band on or off, and set (or remove, with null) the logo.',
    args: OverlaysSchema.partial().strict(),
    result: OverlaysSchema,
    example: { timestamp: true },
  },
  'program.setFormat': {
    description: 'Change the program format (size and frame rate). Refused while live or recording.',
    args: ProgramFormatSchema.strict(),
    result: ProgramFormatSchema,
    example: { width: 1280, height: 720, fps: 30 },
  },
  'encoder.configure': {
    description: 'Change the encoder settings (refused while live). The encoder restarts with them.',
    args: EncoderSettingsSchema.partial().strict(),
    result: EncoderSettingsSchema,
    example: {
      codec: 'libx264',
      preset: 'veryfast',
      videoKbps: 4000,
      audioKbps: 128,
      gopSeconds: 2,
      profile: 'main',
    },
  },
  'audio.setGain': {
    description: "Set a source's fader in dB (-60 to +20); the change ramps over one frame, without a click.",
    args: z.object({ source: SourceIdSchema, db: z.number().min(-60).max(20) }).strict(),
    result: Ok,
    example: { source: 'slides', db: -6 },
  },
  'audio.setMute': {
    description: 'Mute or unmute a source on the program bus.',
    args: z.object({ source: SourceIdSchema, muted: z.boolean() }).strict(),
    result: Ok,
    example: { source: 'slides', muted: false },
  },
  'audio.setSolo': {
    description:
      'Solo a source: while any source is soloed, only soloed sources are heard (not saved in the show).',
    args: z.object({ source: SourceIdSchema, solo: z.boolean() }).strict(),
    result: z.object({ solo: z.array(SourceIdSchema) }),
    example: { source: 'slides', solo: false },
  },
  'audio.setFollowsVideo': {
    description: 'Audio follows video: the source is heard only while it is on program.',
    args: z.object({ source: SourceIdSchema, on: z.boolean() }).strict(),
    result: Ok,
    example: { source: 'camera', on: false },
  },
  'source.add': {
    description: 'Add a source; returns its id.',
    args: SourceInputSchema,
    result: z.object({ id: SourceIdSchema }),
    example: { name: 'Break slate', kind: 'test', pattern: 'color', color: '#1a237e' },
  },
  'source.update': {
    description: 'Change fields of a source (the kind cannot change); applies live.',
    args: z.object({ id: SourceIdSchema, changes: z.record(z.string(), z.unknown()) }).strict(),
    result: Ok,
    example: { id: 'break-slate', changes: { color: '#004d40' } },
  },
  'source.remove': {
    description: 'Remove a source (and from the program scene).',
    args: z.object({ id: SourceIdSchema }).strict(),
    result: Ok,
    example: { id: 'break-slate' },
  },
  'destination.add': {
    description:
      'Add a destination (rtmp://, rtmps://, srt://). A key is moved to the secrets store and replaced by a reference.',
    args: DestinationInput,
    result: z.object({ id: DestinationIdSchema }),
    example: { name: 'YouTube', url: 'rtmp://127.0.0.1:1935/live', key: 'xxxx-xxxx-xxxx-xxxx' },
  },
  'destination.start': {
    description: 'Start one destination (it connects and goes live, reconnecting by itself).',
    args: z.object({ id: DestinationIdSchema }).strict(),
    result: Ok,
    example: { id: 'youtube' },
  },
  'destination.stop': {
    description: 'Stop one destination; the others and the recording go on.',
    args: z.object({ id: DestinationIdSchema }).strict(),
    result: Ok,
    example: { id: 'youtube' },
  },
  'destination.remove': {
    description: 'Remove a destination (its stored key is deleted too).',
    args: z.object({ id: DestinationIdSchema }).strict(),
    result: Ok,
    example: { id: 'youtube' },
  },
  'stream.start': {
    description: 'Go live: every enabled destination starts.',
    args: Empty,
    result: z.object({ started: z.array(DestinationIdSchema) }),
    example: {},
  },
  'stream.stop': {
    description: 'Stop every destination (the recording goes on).',
    args: Empty,
    result: Ok,
    example: {},
  },
  'record.start': {
    description: 'Start recording the program to segmented MPEG-TS files in the recording directory.',
    args: Empty,
    result: z.object({ path: z.string() }),
    example: {},
  },
  'record.stop': {
    description: 'Stop recording; the files are finalized.',
    args: Empty,
    result: z.object({ path: z.string().nullable(), segments: z.array(z.string()) }),
    example: {},
  },
  'secrets.set': {
    description: 'Store a secret (stream key, passphrase). The value is never returned, only masked.',
    args: z.object({ ref: SecretRefSchema, value: z.string().min(1).max(4096) }).strict(),
    result: z.object({ ref: SecretRefSchema, masked: z.string() }),
    example: { ref: 'srt-passphrase', value: 'correct horse battery' },
  },
  'secrets.delete': {
    description: 'Delete a stored secret.',
    args: z.object({ ref: SecretRefSchema }).strict(),
    result: Ok,
    example: { ref: 'srt-passphrase' },
  },
  ...outputMethods,
} as const satisfies Record<string, MethodDef>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type MethodParsedArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** The handlers the core implements: one per method, typed from the table. */
export type Handlers = {
  [M in MethodName]: (args: MethodParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>;
};
