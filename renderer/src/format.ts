// Small formatters for the console: durations, sizes, levels. Numbers use fixed widths so nothing moves.

export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** "3 h 20 min", "12 min", "45 s": time left on the disk. */
export function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds)} s`;
}

export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i] ?? ''}`;
}

/** A level in dB for display: one decimal, "-inf" for silence. */
export function db(v: number, unit = 'dB'): string {
  const text = !Number.isFinite(v) || v <= -120 ? '-inf' : v.toFixed(1);
  return unit === '' ? text : `${text} ${unit}`;
}

export function kbps(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return v >= 1000 ? `${(v / 1000).toFixed(2)} Mbit/s` : `${Math.round(v)} kbit/s`;
}

export function basename(path: string | null): string {
  if (path === null) return '';
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(i + 1);
}
