// PulseAudio / PipeWire-pulse sources, from `pactl -f json list sources` (PulseAudio ≥ 16) or,
// for older pactl, the text of `pactl list sources`:
//   Source #0
//   	Name: alsa_output.pci-0000_00_1f.3.analog-stereo.monitor
//   	Description: Monitor of Built-in Audio Analog Stereo
//   	Monitor of Sink: alsa_output.pci-0000_00_1f.3.analog-stereo
// A monitor captures what a sink plays: it is flagged, not hidden (a "program return" is useful).
import { z } from 'zod';
import type { CaptureDevice, DeviceDetailValue } from '../../shared/devices.js';
import { makeDeviceId, splitLines, uniqueById } from './text.js';

interface PulseSource {
  name: string;
  description?: string;
  monitorOf?: string;
  deviceClass?: string;
  sampleSpec?: string;
  index?: number;
  properties: Record<string, string>;
}

function isMonitor(s: PulseSource): boolean {
  return Boolean(s.monitorOf) || s.deviceClass === 'monitor' || s.name.endsWith('.monitor');
}

function toDevice(s: PulseSource): CaptureDevice {
  // pactl 16 prints "(null)" for descriptions it cannot encode (non-ASCII in JSON mode).
  const usable = (d: string | undefined): d is string => Boolean(d) && d !== '(null)';
  const propDescription = s.properties['device.description'];
  const fallback = s.monitorOf ? `Monitor of ${s.monitorOf}` : s.name;
  const name = usable(s.description) ? s.description : usable(propDescription) ? propDescription : fallback;
  const details: Record<string, DeviceDetailValue> = { sourceName: s.name };
  if (s.monitorOf) details.monitorOf = s.monitorOf;
  if (s.sampleSpec) details.sampleSpec = s.sampleSpec;
  if (s.index !== undefined) details.index = s.index;
  const bus = s.properties['device.bus_path'] ?? s.properties['sysfs.path'];
  if (bus) details.busPath = bus;
  return {
    // The source name is built by PulseAudio from the bus path and profile: stable across boots.
    id: makeDeviceId('pulse', s.name),
    name,
    backend: 'pulse',
    kind: 'audio',
    modes: [],
    input: s.name,
    ...(isMonitor(s) ? { monitor: true } : {}),
    details,
  };
}

/** Text `pactl list sources`; tolerant of excerpts that start or stop mid-block. */
export function parsePactlSources(text: unknown): CaptureDevice[] {
  const sources: PulseSource[] = [];
  let current: PulseSource | null = null;
  let inProperties = false;
  for (const line of splitLines(text)) {
    const block = /^Source #(\d+)/.exec(line);
    if (block?.[1]) {
      current = null;
      inProperties = false;
      continue;
    }
    const field = /^\t([A-Za-z ]+):\s?(.*)$/.exec(line);
    if (field?.[1] !== undefined && field[2] !== undefined) {
      const [key, value] = [field[1], field[2].trim()];
      inProperties = key === 'Properties';
      if (key === 'Name') {
        current = { name: value, properties: {} };
        sources.push(current);
      } else if (current && key === 'Description') current.description = value;
      else if (current && key === 'Monitor of Sink' && value !== 'n/a') current.monitorOf = value;
      else if (current && key === 'Sample Specification') current.sampleSpec = value;
      continue;
    }
    const prop = /^\t\t([\w.-]+) = "(.*)"\s*$/.exec(line);
    if (current && inProperties && prop?.[1] && prop[2] !== undefined) {
      current.properties[prop[1]] = prop[2];
      if (prop[1] === 'device.class') current.deviceClass = prop[2];
    }
  }
  return uniqueById(sources.filter((s) => s.name !== '').map(toDevice));
}

const PactlJsonSourceSchema = z.looseObject({
  index: z.number().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  monitor_source: z.string().optional(),
  sample_specification: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/**
 * `pactl -f json list sources`. Entries that do not fit the schema are skipped; text that is
 * not JSON at all yields an empty list (the caller may then try the text format).
 */
export function parsePactlJsonSources(text: unknown): CaptureDevice[] {
  if (typeof text !== 'string') return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const sources: PulseSource[] = [];
  for (const item of data) {
    const parsed = PactlJsonSourceSchema.safeParse(item);
    if (!parsed.success) continue;
    const s = parsed.data;
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) if (typeof v === 'string') properties[k] = v;
    sources.push({
      name: s.name,
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.monitor_source ? { monitorOf: s.monitor_source } : {}),
      ...(s.sample_specification ? { sampleSpec: s.sample_specification } : {}),
      ...(s.index !== undefined ? { index: s.index } : {}),
      ...(properties['device.class'] ? { deviceClass: properties['device.class'] } : {}),
      properties,
    });
  }
  return uniqueById(sources.map(toDevice));
}
