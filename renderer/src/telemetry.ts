// Typed views of the telemetry the core sends (25 Hz). Telemetry enters as untrusted JSON: every read goes
// through these accessors, which fall back to "unknown" values instead of throwing.
import type { JsonValue } from '../../electron/shared/patch.js';

type Obj = Record<string, JsonValue>;
const obj = (v: JsonValue | undefined): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
const num = (v: JsonValue | undefined, d = NaN): number => (typeof v === 'number' ? v : d);
const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);

export const SILENCE_DB = -144;

export interface LevelReading {
  peakDb: number;
  rmsDb: number;
}
export interface ProgramAudio extends LevelReading {
  lufsM: number;
  lufsS: number;
  lufsI: number;
  lra: number;
}
export interface SourceAudio extends LevelReading {
  id: string;
  driftPpm: number;
  queueMs: number;
  syncOffsetMs: number;
}

export function programAudio(t: JsonValue): ProgramAudio {
  const p = obj(obj(obj(t).audio).program);
  return {
    peakDb: num(p.peakDb, SILENCE_DB),
    rmsDb: num(p.rmsDb, SILENCE_DB),
    lufsM: num(p.lufsM, SILENCE_DB),
    lufsS: num(p.lufsS, SILENCE_DB),
    lufsI: num(p.lufsI, SILENCE_DB),
    lra: num(p.lra, 0),
  };
}

export function sourceAudio(t: JsonValue, id: string): SourceAudio {
  const list = obj(obj(t).audio).sources;
  const entry = Array.isArray(list) ? list.map(obj).find((s) => s.id === id) : undefined;
  const e = entry ?? {};
  return {
    id,
    peakDb: num(e.peakDb, SILENCE_DB),
    rmsDb: num(e.rmsDb, SILENCE_DB),
    driftPpm: num(e.driftPpm),
    queueMs: num(e.queueMs),
    syncOffsetMs: num(e.syncOffsetMs),
  };
}

export interface CoreHealth {
  cpuPct: number;
  cores: number;
  rssMB: number;
}
export function coreHealth(t: JsonValue): CoreHealth {
  const c = obj(obj(t).core);
  return { cpuPct: num(c.cpuPct), cores: num(c.cores, 1), rssMB: num(c.rssMB) };
}

export interface EncoderHealth {
  process: string | null;
  fps: number;
  speed: number;
  bitrateKbps: number;
  droppedTicks: number;
  lastError: string | null;
  composeMsAvg: number;
  skippedTicks: number;
}
export function encoderHealth(t: JsonValue): EncoderHealth {
  const p = obj(obj(t).program);
  const e = obj(p.encoder);
  const m = obj(p.mixer);
  return {
    process: str(e.process),
    fps: num(e.fps),
    speed: num(e.speed),
    bitrateKbps: num(e.bitrateKbps),
    droppedTicks: num(e.droppedTicks, 0),
    lastError: str(e.lastError),
    composeMsAvg: num(m.composeMsAvg),
    skippedTicks: num(m.skippedTicks, 0),
  };
}

export interface SrtStats {
  rttMs: number;
  lossPct: number;
  retransPct: number;
  bandwidthMbps: number;
  sendBufMs: number;
}
export interface IngestCheck {
  confirmed: boolean | null;
  bytesIn: number;
  listeners: number;
  error: string | null;
}
export interface DestinationTelemetry {
  /** The destination's state at telemetry rate (state.destinations is updated once a second). */
  state: string | null;
  bitrateKbps: number;
  backlogMs: number;
  srt: SrtStats | null;
  ingest: IngestCheck | null;
}
export function destinationTelemetry(t: JsonValue, id: string): DestinationTelemetry {
  const d = obj(obj(obj(obj(t).outputs).destinations)[id]);
  const s = d.srt === undefined || d.srt === null ? null : obj(d.srt);
  const i = d.ingest === undefined || d.ingest === null ? null : obj(d.ingest);
  return {
    state: str(d.state),
    bitrateKbps: num(d.bitrateKbps, 0),
    backlogMs: num(d.backlogMs, 0),
    srt:
      s === null
        ? null
        : {
            rttMs: num(s.rttMs),
            lossPct: num(s.lossPct),
            retransPct: num(s.retransPct),
            bandwidthMbps: num(s.bandwidthMbps),
            sendBufMs: num(s.sendBufMs),
          },
    ingest:
      i === null
        ? null
        : {
            confirmed: typeof i.confirmed === 'boolean' ? i.confirmed : null,
            bytesIn: num(i.bytesIn),
            listeners: num(i.listeners),
            error: str(i.error),
          },
  };
}

export interface DiskInfo {
  freeBytes: number;
  secondsLeft: number;
}
export function diskInfo(t: JsonValue): DiskInfo | null {
  const o = obj(t);
  const d = obj(o.disk ?? obj(obj(o.outputs).recording).disk);
  if (Object.keys(d).length === 0) return null;
  return { freeBytes: num(d.freeBytes), secondsLeft: num(d.secondsLeft ?? d.timeLeftS) };
}
