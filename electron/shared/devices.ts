// Capture devices as the core reports them to the UI and the show file.
// Zod schemas first, types inferred from them (STYLE.md 4); ids are branded (STYLE.md 10).
import { z } from 'zod';

/** The ffmpeg input devices (and OS listings) Régie knows how to enumerate. */
export const DeviceBackendSchema = z.enum([
  'v4l2',
  'decklink',
  'avfoundation',
  'dshow',
  'pulse',
  'alsa',
  'jack',
  'x11grab',
  'gdigrab',
]);
export type DeviceBackend = z.infer<typeof DeviceBackendSchema>;

export const DeviceKindSchema = z.enum(['video', 'audio']);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

/** How the device delivers pixels: uncompressed, or a compressed stream ffmpeg must decode. */
export const DeviceCodecSchema = z.enum(['raw', 'mjpeg', 'h264', 'hevc', 'other']);
export type DeviceCodec = z.infer<typeof DeviceCodecSchema>;

/**
 * One capture mode. `fps` lists the discrete rates the device announces; a continuous range
 * (dshow "min fps=5 max fps=30") is given by `minFps`/`maxFps` instead. Both empty means the
 * listing did not say (ffmpeg's v4l2 `-list_formats` prints sizes only).
 */
export const DeviceModeSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.array(z.number().positive()),
  minFps: z.number().positive().optional(),
  maxFps: z.number().positive().optional(),
  pixelFormat: z.string().min(1).optional(),
  codec: DeviceCodecSchema.optional(),
  interlaced: z.boolean().optional(),
  /** DeckLink display-mode code for `-format_code` (e.g. "Hp30"). */
  formatCode: z.string().min(1).optional(),
  /** Exact rate as ffmpeg printed it, e.g. "30000/1001" (DeckLink). */
  fpsRational: z.string().min(1).optional(),
});
export type DeviceMode = z.infer<typeof DeviceModeSchema>;

/** `backend:key`, the key being the most stable thing the listing gives (bus path, alternative name, persistent id, …). */
export const DeviceIdSchema = z.string().min(3).brand<'DeviceId'>();
export type DeviceId = z.infer<typeof DeviceIdSchema>;

export const DeviceDetailValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type DeviceDetailValue = z.infer<typeof DeviceDetailValueSchema>;

export const CaptureDeviceSchema = z.object({
  id: DeviceIdSchema,
  name: z.string().min(1),
  backend: DeviceBackendSchema,
  kind: DeviceKindSchema,
  modes: z.array(DeviceModeSchema),
  /** What to give ffmpeg's `-i` (with the backend's own syntax, e.g. dshow `video=…`). */
  input: z.string().min(1),
  /** True for sources that capture what the machine plays (PulseAudio monitors, "Stereo Mix"). */
  monitor: z.boolean().optional(),
  /** True when the listing marked it as the system default. */
  isDefault: z.boolean().optional(),
  details: z.record(z.string(), DeviceDetailValueSchema).optional(),
});
export type CaptureDevice = z.infer<typeof CaptureDeviceSchema>;

export const BackendStatusSchema = z.object({
  backend: DeviceBackendSchema,
  available: z.boolean(),
  /** Human sentence for the operator when unavailable (or degraded). */
  reason: z.string().min(1).optional(),
});
export type BackendStatus = z.infer<typeof BackendStatusSchema>;

export const DeviceListSchema = z.object({
  video: z.array(CaptureDeviceSchema),
  audio: z.array(CaptureDeviceSchema),
  backends: z.array(BackendStatusSchema),
});
export type DeviceList = z.infer<typeof DeviceListSchema>;

/** The program format a source is normalised to; the mode picker aims at it. */
export const ProgramFormatSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
});
export type ProgramFormat = z.infer<typeof ProgramFormatSchema>;

/** An operator's explicit choice of mode; it wins when the device supports it. */
export const ModeOverrideSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
  codec: DeviceCodecSchema.optional(),
  pixelFormat: z.string().min(1).optional(),
  formatCode: z.string().min(1).optional(),
});
export type ModeOverride = z.infer<typeof ModeOverrideSchema>;
