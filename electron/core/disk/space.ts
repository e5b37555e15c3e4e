// Free space where the recording goes, and how long it lasts at a given bitrate. The directory may not exist
// yet (it is created when the recording starts): its nearest existing parent is on the same file system.
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export interface DiskSpace {
  /** Bytes an unprivileged writer can still use. */
  freeBytes: number;
  /** At `bitsPerSecond`; null when the rate is unknown or zero. */
  secondsLeft: number | null;
  /** The directory actually measured (the recording directory or its nearest existing parent). */
  measured: string;
}

/** Below this, the operator is warned (log + state `recording.disk.warning`). */
export const LOW_DISK_SECONDS = 30 * 60;

export type StatfsFn = (path: string) => Promise<{ bavail: number; bsize: number }>;

export async function diskSpace(
  dir: string,
  bitsPerSecond: number | null,
  statfsFn: StatfsFn = statfs,
): Promise<DiskSpace> {
  let path = resolve(dir);
  for (;;) {
    try {
      const st = await statfsFn(path);
      const freeBytes = st.bavail * st.bsize;
      const secondsLeft =
        bitsPerSecond !== null && bitsPerSecond > 0 ? Math.floor((freeBytes * 8) / bitsPerSecond) : null;
      return { freeBytes, secondsLeft, measured: path };
    } catch (err) {
      const parent = dirname(path);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw err;
      path = parent;
    }
  }
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(0)} MB`;
  return `${Math.round(n / 1e3)} kB`;
}

export function formatDuration(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

/** "12.3 GB free: about 6 h 40 min at 4.1 Mbit/s" */
export function describeSpace(space: DiskSpace, bitsPerSecond: number | null): string {
  const free = `${formatBytes(space.freeBytes)} free in ${space.measured}`;
  if (space.secondsLeft === null || bitsPerSecond === null) return free;
  return `${free}: about ${formatDuration(space.secondsLeft)} at ${(bitsPerSecond / 1e6).toFixed(1)} Mbit/s`;
}
