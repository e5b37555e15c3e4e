// The state the core publishes: a snapshot, then patches. Telemetry (meters, health) is not here.
import { z } from 'zod';
import { DeviceListSchema } from './devices.js';
import { ProgramSceneSchema, ShowSchema } from './show.js';
import { TallySchema } from './tally.js';

export const FfmpegCapabilitiesSchema = z.object({
  ffmpegPath: z.string(),
  ffprobePath: z.string().nullable(),
  source: z.enum(['env', 'settings', 'ffmpeg-static', 'path']),
  version: z.string(),
  major: z.number().int().nullable(),
  libsrt: z.boolean(),
  libx264: z.boolean(),
  libzmq: z.boolean(),
  decklink: z.boolean(),
  hardwareEncoders: z.array(z.string()).describe('compiled into this ffmpeg'),
  workingHardwareEncoders: z
    .array(z.string())
    .describe('those that passed a 1-second trial encode on this machine'),
  inputDevices: z.array(z.string()),
  protocols: z.array(z.string()),
});
export type FfmpegCapabilities = z.infer<typeof FfmpegCapabilitiesSchema>;

export const ProcessStateSchema = z.enum([
  'stopped',
  'starting',
  'running',
  'backing-off',
  'stopping',
  'failed',
]);
export type ProcessState = z.infer<typeof ProcessStateSchema>;

export const SourceStatusSchema = z.object({
  status: z.enum(['starting', 'live', 'no-signal', 'failed']),
  process: ProcessStateSchema,
  lastError: z.string().nullable(),
  restarts: z.number().int(),
  framesIn: z.number().int(),
  repeated: z.number().int().describe('program frames that repeated this source (no new frame in time)'),
  dropped: z.number().int().describe('source frames the program skipped (more than one per program frame)'),
  driftPpm: z
    .number()
    .describe('measured drift of the audio clock against the program clock, ppm (+ = fast); about 1 Hz'),
  queueMs: z.number().describe('audio queued for the program (target 100 ms); live value in telemetry'),
  audioUnderruns: z
    .number()
    .int()
    .describe('times the audio ran dry (a dropout, faded out and back in): the source delivered too late'),
  audioSkips: z
    .number()
    .int()
    .describe('times queued audio was skipped to stay in sync (after a stall, a burst or a backlog)'),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const SrtLinkSchema = z.object({
  rttMs: z.number(),
  lossPct: z.number().describe('packets the receiver reported lost, % of those sent in the last report'),
  retransPct: z.number().describe('packets sent again, % of those sent in the last report'),
  bandwidthMbps: z.number().describe("libsrt's estimate of the link capacity"),
  sendBufMs: z.number().describe('media in the send buffer, not yet acknowledged'),
  sendMbps: z.number(),
  packetsSent: z.number().int(),
  packetsLost: z.number().int(),
  packetsRetransmitted: z.number().int(),
  packetsDropped: z.number().int().describe('too late for the latency window: lost for the viewer'),
});

export const IngestSchema = z.object({
  confirmed: z.boolean().describe('the server lists our stream (nginx-rtmp) or our mount (Icecast)'),
  bytesIn: z.number().optional(),
  listeners: z.number().int().optional(),
  checkedAt: z.string(),
  error: z.string().optional(),
});

export const CoreStateSchema = z.object({
  core: z.object({
    version: z.string(),
    pid: z.number().int(),
    startedAt: z.string(),
    showPath: z.string().nullable(),
    dataDir: z.string(),
    oscPort: z.number().int().nullable().describe('the UDP port of the OSC control, when on'),
  }),
  ffmpeg: FfmpegCapabilitiesSchema,
  show: ShowSchema,
  sources: z.record(z.string(), SourceStatusSchema),
  preview: ProgramSceneSchema.describe('the scene prepared on preview (studio mode)'),
  program: z.object({
    blank: z.enum(['break', 'closed']).nullable(),
    live: z.boolean().describe('stream.start is in effect'),
    liveSince: z
      .string()
      .nullable()
      .describe('when stream.start took effect (ISO time), for the on-air clock'),
    recording: z.boolean(),
  }),
  recording: z
    .object({
      active: z.boolean(),
      path: z.string().nullable(),
      bytes: z.number(),
      durationS: z.number(),
      segments: z.array(z.string()),
      lastError: z.string().nullable(),
      directory: z.string(),
      disk: z
        .object({
          freeBytes: z.number(),
          secondsLeft: z
            .number()
            .nullable()
            .describe('at the recording rate (while recording) or the encoder bitrate'),
          warning: z.string().nullable().describe('set below 30 minutes left'),
        })
        .nullable()
        .optional()
        .describe('free space in the recording directory (read every 5 s)'),
    })
    .describe('the local recording (updated every second)'),
  destinations: z
    .record(
      z.string(),
      z.object({
        state: z.enum(['stopped', 'connecting', 'live', 'reconnecting', 'failed']),
        lastError: z.string().nullable(),
        bitrateKbps: z.number(),
        reconnects: z.number().int(),
        uptimeS: z.number(),
        backlogMs: z.number(),
        droppedFrames: z.number().int(),
        srt: SrtLinkSchema.nullable()
          .optional()
          .describe('libsrt link statistics (SRT destinations through srt-live-transmit)'),
        ingest: IngestSchema.nullable().optional().describe('what the ingest server says (statsUrl polled)'),
      }),
    )
    .describe(
      'health of each destination (updated every second); telemetry `outputs.destinations.<id>` has the same plus bitrateHistory (60 s)',
    ),
  tally: z
    .record(z.string(), TallySchema)
    .describe('per source: on program (on air), on preview, or off; nothing is on air under the break slate'),
  audio: z.object({ solo: z.array(z.string()).describe('soloed sources (transient, not saved)') }),
  secrets: z.array(z.object({ ref: z.string(), masked: z.string() })),
  devices: DeviceListSchema.optional().describe(
    'capture devices and backend statuses, as devices.list returns them; follows hot-plug (absent until the first enumeration ends)',
  ),
});
export type CoreState = z.infer<typeof CoreStateSchema>;
