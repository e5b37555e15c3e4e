// Watches the free space where the recording goes (every few seconds, statfs is cheap) and how long it lasts:
// at the recording's measured rate while recording, else at the encoder's configured bitrate. Below
// LOW_DISK_SECONDS it warns once (log + `warning` text in the state) until the space comes back.
import type { Logger } from '../log/logger.js';
import type { StatfsFn } from './space.js';
import { LOW_DISK_SECONDS, diskSpace, formatBytes, formatDuration } from './space.js';

export interface DiskStatus {
  freeBytes: number;
  secondsLeft: number | null;
  warning: string | null;
}

export interface DiskMonitorOptions {
  dir: () => string;
  /** Bits per second being written (or to be written); null when unknown. */
  rate: () => number | null;
  logger: Logger;
  intervalMs?: number;
  statfs?: StatfsFn;
}

export class DiskMonitor {
  private current: DiskStatus | null = null;
  private warned = false;
  private readonly timer: NodeJS.Timeout;
  private inFlight: Promise<DiskStatus | null> | null = null;

  constructor(private readonly opts: DiskMonitorOptions) {
    this.timer = setInterval(() => void this.check(), opts.intervalMs ?? 5000);
    this.timer.unref();
    void this.check();
  }

  status(): DiskStatus | null {
    return this.current;
  }

  /** Reads the free space now (joins a read already under way). */
  check(): Promise<DiskStatus | null> {
    this.inFlight ??= this.read().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async read(): Promise<DiskStatus | null> {
    const dir = this.opts.dir();
    try {
      const rate = this.opts.rate();
      const space = await diskSpace(dir, rate, this.opts.statfs);
      const low = space.secondsLeft !== null && space.secondsLeft < LOW_DISK_SECONDS;
      const warning = low
        ? `disk almost full: about ${formatDuration(space.secondsLeft ?? 0)} of recording left ` +
          `(${formatBytes(space.freeBytes)} free in ${space.measured})`
        : null;
      if (warning !== null && !this.warned) this.opts.logger.warn(warning);
      this.warned = warning !== null;
      this.current = { freeBytes: space.freeBytes, secondsLeft: space.secondsLeft, warning };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      this.current = { freeBytes: 0, secondsLeft: null, warning: `cannot read free space in ${dir}: ${msg}` };
    }
    return this.current;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
