// Pure parsers of ffmpeg's self-description (`-version`, `-encoders`, `-devices`, `-protocols`).
// Tested on captured real outputs in test/fixtures/ffmpeg/.

export interface VersionInfo {
  version: string;
  major: number | null;
  configuration: string[];
}

export function parseVersion(text: string): VersionInfo {
  const m = /ffmpeg version (\S+)/.exec(text);
  const version = m?.[1] ?? 'unknown';
  const majorMatch = /^n?(\d+)\./.exec(version);
  const conf = /configuration:(.*)/.exec(text)?.[1] ?? '';
  return {
    version,
    major: majorMatch?.[1] !== undefined ? Number(majorMatch[1]) : null,
    configuration: conf
      .trim()
      .split(/\s+/)
      .filter((s) => s !== ''),
  };
}

export interface EncoderInfo {
  name: string;
  type: 'video' | 'audio' | 'subtitle';
  description: string;
}

/** Lines look like ` V....D libx264              libx264 H.264 / AVC …`. */
export function parseEncoders(text: string): EncoderInfo[] {
  const out: EncoderInfo[] = [];
  let inList = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*-{6}\s*$/.test(line)) {
      inList = true;
      continue;
    }
    if (!inList) continue;
    const m = /^\s([VAS])[.A-Z]{5}\s+(\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const kind = m[1] === 'V' ? 'video' : m[1] === 'A' ? 'audio' : 'subtitle';
    out.push({ name: m[2] ?? '', type: kind, description: (m[3] ?? '').trim() });
  }
  return out;
}

export interface DeviceFormatInfo {
  name: string;
  demux: boolean;
  mux: boolean;
}

/** Lines look like ` DE alsa            ALSA audio output` after a ` --` separator. */
export function parseDevices(text: string): DeviceFormatInfo[] {
  const out: DeviceFormatInfo[] = [];
  let inList = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*--\s*$/.test(line)) {
      inList = true;
      continue;
    }
    if (!inList) continue;
    const m = /^\s([D ])([E ])\s+(\S+)/.exec(line);
    if (!m) continue;
    for (const name of (m[3] ?? '').split(',')) out.push({ name, demux: m[1] === 'D', mux: m[2] === 'E' });
  }
  return out;
}

export interface ProtocolInfo {
  input: string[];
  output: string[];
}

export function parseProtocols(text: string): ProtocolInfo {
  const result: ProtocolInfo = { input: [], output: [] };
  let section: 'input' | 'output' | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^input:$/i.test(line)) section = 'input';
    else if (/^output:$/i.test(line)) section = 'output';
    else if (section && /^[a-z0-9_]+$/.test(line)) result[section].push(line);
  }
  return result;
}

const HARDWARE_ENCODER = /_(vaapi|nvenc|qsv|videotoolbox|amf|v4l2m2m|omx|mf)$/;

export function hardwareH264Encoders(encoders: EncoderInfo[]): string[] {
  return encoders
    .filter((e) => e.type === 'video' && /^(h264|hevc)_/.test(e.name) && HARDWARE_ENCODER.test(e.name))
    .map((e) => e.name);
}
