// Parser of ffmpeg's progress lines, from stderr (`frame=  120 fps= 30 q=23.0 size= 1024kB time=00:00:04.00
// bitrate=2097.2kbits/s dup=0 drop=1 speed=1.00x`) or from `-progress pipe:` key=value blocks.

export interface FfmpegProgress {
  frame?: number;
  fps?: number;
  q?: number;
  sizeKiB?: number;
  timeS?: number;
  bitrateKbps?: number;
  dup?: number;
  drop?: number;
  speed?: number;
}

function parseTime(t: string): number | undefined {
  const m = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(t);
  if (!m) return undefined;
  const s = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  return m[1] === '-' ? -s : s;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === 'N/A') return undefined;
  const n = Number.parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Returns null when the line is not a progress line. */
export function parseProgressLine(line: string): FfmpegProgress | null {
  if (!/\b(frame|size)=\s*\S/.test(line) || !/\btime=/.test(line)) return null;
  const fields = new Map<string, string>();
  for (const m of line.matchAll(/(\w+)=\s*(\S+)/g)) fields.set(m[1] ?? '', m[2] ?? '');
  const p: FfmpegProgress = {};
  const set = <K extends keyof FfmpegProgress>(k: K, v: FfmpegProgress[K] | undefined): void => {
    if (v !== undefined) p[k] = v;
  };
  set('frame', num(fields.get('frame')));
  set('fps', num(fields.get('fps')));
  set('q', num(fields.get('q')));
  const size = fields.get('size') ?? fields.get('Lsize');
  if (size !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(kB|KiB|MB|MiB|B)?$/.exec(size);
    if (m) {
      const n = Number(m[1]);
      const unit = m[2] ?? 'B';
      set('sizeKiB', unit === 'MB' || unit === 'MiB' ? n * 1024 : unit === 'B' ? n / 1024 : n);
    }
  }
  const time = fields.get('time');
  if (time !== undefined) set('timeS', parseTime(time));
  const bitrate = fields.get('bitrate');
  if (bitrate !== undefined) set('bitrateKbps', num(bitrate.replace(/kbits\/s$/, '')));
  set('dup', num(fields.get('dup')));
  set('drop', num(fields.get('drop')));
  const speed = fields.get('speed');
  if (speed !== undefined) set('speed', num(speed.replace(/x$/, '')));
  return p;
}

/** Accumulates `-progress pipe:1` key=value lines; returns a record at each `progress=continue|end`. */
export class ProgressBlockParser {
  private fields = new Map<string, string>();

  push(line: string): FfmpegProgress | null {
    const eq = line.indexOf('=');
    if (eq <= 0) return null;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key !== 'progress') {
      this.fields.set(key, value);
      return null;
    }
    const f = this.fields;
    this.fields = new Map();
    const synthetic = [
      `frame=${f.get('frame') ?? 'N/A'}`,
      `fps=${f.get('fps') ?? 'N/A'}`,
      `size=${f.get('total_size') ?? 'N/A'}B`,
      `time=${f.get('out_time') ?? 'N/A'}`,
      `bitrate=${f.get('bitrate') ?? 'N/A'}`,
      `dup=${f.get('dup_frames') ?? 'N/A'}`,
      `drop=${f.get('drop_frames') ?? 'N/A'}`,
      `speed=${f.get('speed') ?? 'N/A'}`,
    ].join(' ');
    return parseProgressLine(synthetic);
  }
}
