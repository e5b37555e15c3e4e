// Keeps one SourceRunner per source of the show: starts new ones, restarts changed ones, stops removed ones.
import type { CaptureDevice } from '../../shared/devices.js';
import type { Show, Source } from '../../shared/show.js';
import type { SourceStatus } from '../../shared/state.js';
import type { Logger } from '../log/logger.js';
import type { ProgramFormat } from './args.js';
import { SourceRunner } from './runner.js';

/** What the process is started from: everything but the mixer settings (those apply live). */
function configOf(source: Source): string {
  const { mixer: _mixer, ...rest } = source;
  return JSON.stringify(rest);
}

export class SourceManager {
  private readonly runners = new Map<string, { runner: SourceRunner; config: string }>();
  private program: ProgramFormat | null = null;
  /** The last device enumeration, set by the core (device sources open their ids through it). */
  devices: () => readonly CaptureDevice[] = () => [];

  constructor(
    private readonly ffmpeg: string,
    private readonly logger: Logger,
    private readonly onStatus: (id: string, status: SourceStatus | null) => void,
  ) {}

  runner(id: string): SourceRunner | undefined {
    return this.runners.get(id)?.runner;
  }

  all(): SourceRunner[] {
    return [...this.runners.values()].map((e) => e.runner);
  }

  /** Bring the running sources in line with the show. */
  async sync(show: Show): Promise<void> {
    const formatChanged =
      this.program !== null && JSON.stringify(this.program) !== JSON.stringify(show.program);
    this.program = { ...show.program };
    const wanted = new Map<string, Source>(show.sources.map((s) => [s.id, s]));
    const work: Promise<void>[] = [];
    for (const [id, entry] of this.runners) {
      const next = wanted.get(id);
      if (next === undefined || formatChanged) {
        this.runners.delete(id);
        work.push(entry.runner.stop().then(() => this.onStatus(id, null)));
      } else if (configOf(next) !== entry.config) {
        entry.config = configOf(next);
        work.push(entry.runner.update(next));
      } else {
        entry.runner.setMixer(next); // gain, delay…: live, no restart
      }
    }
    await Promise.all(work);
    for (const [id, source] of wanted) {
      if (this.runners.has(id)) continue;
      const runner = new SourceRunner(source, {
        ffmpeg: this.ffmpeg,
        program: this.program,
        logger: this.logger.child(id),
        onStatus: (status) => this.onStatus(id, status),
        devices: () => this.devices(),
      });
      this.runners.set(id, { runner, config: configOf(source) });
      runner.start();
    }
  }

  /** Restart a source at once, skipping its backoff (its device came back). */
  async restartNow(id: string): Promise<void> {
    await this.runners.get(id)?.runner.restartNow();
  }

  async stopAll(): Promise<void> {
    const all = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(all.map((e) => e.runner.stop()));
  }
}
