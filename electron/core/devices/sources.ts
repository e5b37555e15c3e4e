// `ffmpeg -sources BACKEND` (decklink, pulse, alsa, v4l2 …), printed on stdout:
//   Auto-detected sources for decklink:
//     59:00000000:003bc300 [UltraStudio Express] (none)
//   * alsa_input.pci-0000_00_1f.3.analog-stereo [Built-in Audio Analog Stereo] (audio)
// "*" marks the default. ffmpeg ≥ 5 appends the media types in parentheses; older builds do not.
// A build without the backend prints nothing at all: availability is read from `-devices`.
import type { CaptureDevice, DeviceBackend, DeviceKind } from '../../shared/devices.js';
import { makeDeviceId, splitLines, uniqueById } from './text.js';

// name: no spaces (device names from -sources never have any); description: up to the last "]".
const SOURCE_LINE = /^([* ]) (\S+) \[(.*)\](?: \(([a-z, ]*)\))?\s*$/;
const HEADER = /^Auto-detected sources for (\S+):\s*$/;

export interface FfmpegSource {
  name: string;
  description: string;
  isDefault: boolean;
  /** Media types ffmpeg reported; empty for "(none)" and for builds that print none. */
  mediaTypes: string[];
}

export interface FfmpegSourcesResult {
  /** The input device named in the header ("video4linux2,v4l2", "pulse", …), if any. */
  backend: string | null;
  sources: FfmpegSource[];
  /** "Cannot list sources: …" when ffmpeg could not enumerate (no sound server, no driver). */
  error: string | null;
}

export function parseFfmpegSourceList(text: unknown): FfmpegSourcesResult {
  const result: FfmpegSourcesResult = { backend: null, sources: [], error: null };
  for (const line of splitLines(text)) {
    const header = HEADER.exec(line);
    if (header?.[1]) {
      result.backend = header[1];
      continue;
    }
    const err = /^Cannot list sources\b[.:]?\s*(.*)$/.exec(line);
    if (err) {
      result.error = err[1]?.trim() || 'Cannot list sources';
      continue;
    }
    const m = SOURCE_LINE.exec(line);
    if (!m?.[2] || m[3] === undefined) continue;
    const mediaTypes = (m[4] ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '' && t !== 'none');
    result.sources.push({ name: m[2], description: m[3], isDefault: m[1] === '*', mediaTypes });
  }
  return result;
}

const AUDIO_BACKENDS: ReadonlySet<DeviceBackend> = new Set(['pulse', 'alsa', 'jack']);

function kindsOf(source: FfmpegSource, backend: DeviceBackend): DeviceKind[] {
  const kinds = source.mediaTypes.filter((t): t is DeviceKind => t === 'video' || t === 'audio');
  if (kinds.length > 0) return kinds;
  return [AUDIO_BACKENDS.has(backend) ? 'audio' : 'video'];
}

/**
 * Capture devices from `-sources`. The key is ffmpeg's device name (DeckLink's persistent id,
 * the PulseAudio source name, the ALSA PCM name, the V4L2 node); the label is the description.
 * DeckLink opens by display name, so `input` is the description there.
 */
export function parseFfmpegSources(text: unknown, backend: DeviceBackend): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  for (const source of parseFfmpegSourceList(text).sources) {
    if (backend === 'alsa' && source.name === 'null') continue; // ALSA's discard/zero plugin
    const name = source.description.trim() || source.name;
    const monitor = backend === 'pulse' && source.name.endsWith('.monitor');
    for (const kind of kindsOf(source, backend)) {
      devices.push({
        id: makeDeviceId(backend, source.name),
        name,
        backend,
        kind,
        modes: [],
        input: backend === 'decklink' ? name : source.name,
        ...(monitor ? { monitor: true } : {}),
        ...(source.isDefault ? { isDefault: true } : {}),
        details: { sourceName: source.name },
      });
    }
  }
  return uniqueById(devices);
}
