// The device service: holds the current device list, enumerates again on demand or when a hot-plug
// watcher says a backend changed (debounced, one enumeration at a time), and emits 'changed' with the
// ids that appeared and disappeared. Ids come from stable keys (bus path, PulseAudio source name, X
// display), so the same device keeps its id across refreshes and replugs.
import type { DeviceBackend, DeviceList } from '../../shared/devices.js';
import type { Logger } from '../log/logger.js';
import { TypedEmitter } from '../process/emitter.js';
import { backendInFfmpeg } from './availability.js';
import type { DeviceListDiff, EnumerateDeps } from './enumerate.js';
import { EMPTY_DEVICE_LIST, diffDeviceLists, enumerateDevices, mergeDeviceList } from './enumerate.js';
import { nativeBackends } from './platform.js';
import type { Watcher } from './watch.js';
import { HotplugWatcher } from './watch.js';

export interface DeviceChange extends DeviceListDiff {
  list: DeviceList;
}

export interface DeviceServiceEvents extends Record<string, unknown> {
  changed: DeviceChange;
}

export interface DeviceServiceOptions {
  enumerate: EnumerateDeps;
  logger: Logger;
  /** Hot-plug events within this window make one enumeration. */
  debounceMs?: number;
  /** The hot-plug watcher; by default HotplugWatcher for the platform. */
  createWatcher?: (onChange: (backends: DeviceBackend[]) => void, backends: DeviceBackend[]) => Watcher;
}

export interface RefreshOptions {
  /** Only these backends (default: all). */
  backends?: readonly DeviceBackend[];
  /** 'all' lists every device's modes again; 'new' (default) only those of devices not seen before. */
  listModes?: 'all' | 'new';
}

export class DeviceService extends TypedEmitter<DeviceServiceEvents> {
  private list: DeviceList = EMPTY_DEVICE_LIST;
  private first: Promise<DeviceList> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<DeviceBackend>();
  private debounce: NodeJS.Timeout | null = null;
  private watcher: Watcher | null = null;
  private stopped = false;

  constructor(private readonly opts: DeviceServiceOptions) {
    super();
  }

  /** The list as of the last enumeration (empty before the first one ends). */
  current(): DeviceList {
    return this.list;
  }

  /** The list, once the first enumeration has ended. */
  async ready(): Promise<DeviceList> {
    if (this.first) await this.first;
    return this.list;
  }

  /** Backends that can have devices here: native to this OS and present in this ffmpeg. */
  watchedBackends(): DeviceBackend[] {
    const { platform, inputDevices } = this.opts.enumerate;
    const inputs = new Set(inputDevices ?? []);
    return nativeBackends(platform).filter((b) => inputs.size === 0 || backendInFfmpeg(b, inputs));
  }

  /** First enumeration (in the background) and the hot-plug watcher. */
  start(): void {
    this.stopped = false;
    this.first = this.refresh({ listModes: 'all' });
    const onChange = (backends: DeviceBackend[]): void => this.requestRefresh(backends);
    const backends = this.watchedBackends();
    this.watcher =
      this.opts.createWatcher?.(onChange, backends) ??
      new HotplugWatcher({
        platform: this.opts.enumerate.platform,
        backends,
        env: { ...process.env, ...this.opts.enumerate.env },
        logger: this.opts.logger.child('hotplug'),
        onChange,
      });
    this.watcher.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
    this.pending.clear();
    await this.watcher?.stop();
    this.watcher = null;
    await this.queue;
  }

  /** Enumerates now (after any enumeration in progress) and returns the new list. */
  refresh(opts: RefreshOptions = {}): Promise<DeviceList> {
    const run = this.queue.then(() => this.enumerate(opts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A hot-plug hint: these backends are enumerated again once the events settle. */
  requestRefresh(backends: readonly DeviceBackend[]): void {
    if (this.stopped || backends.length === 0) return;
    for (const b of backends) this.pending.add(b);
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      const wanted = [...this.pending];
      this.pending.clear();
      this.refresh({ backends: wanted }).catch((err: unknown) =>
        this.opts.logger.warn(`device refresh failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, this.opts.debounceMs ?? 250);
  }

  private async enumerate(opts: RefreshOptions): Promise<DeviceList> {
    const { platform } = this.opts.enumerate;
    const part = await enumerateDevices(this.opts.enumerate, {
      ...(opts.backends ? { backends: opts.backends } : {}),
      previous: this.list,
      listModes: opts.listModes ?? 'new',
    });
    const next = opts.backends ? mergeDeviceList(this.list, part, opts.backends, platform) : part;
    const diff = diffDeviceLists(this.list, next);
    const changed = JSON.stringify(next) !== JSON.stringify(this.list);
    this.list = next;
    if (changed && !this.stopped) {
      const { added, removed, replaced } = diff;
      if (added.length + removed.length + replaced.length > 0)
        this.opts.logger.info('capture devices changed', { added, removed, replaced });
      this.emit('changed', { ...diff, list: next });
    }
    return next;
  }
}
