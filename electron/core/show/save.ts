// Operator changes are saved back to the show file atomically (temp file + rename), debounced so that a
// burst of changes (a fader drag) is one write. flush() writes at once (shutdown, show.save).
import { writeFileAtomic } from '../util/atomic.js';
import type { Show } from '../../shared/show.js';
import type { Logger } from '../log/logger.js';

export class ShowSaver {
  private timer: NodeJS.Timeout | null = null;
  private pending: Show | null = null;

  constructor(
    private readonly file: string | null,
    private readonly logger: Logger,
    private readonly debounceMs = 500,
  ) {}

  get path(): string | null {
    return this.file;
  }

  schedule(show: Show): void {
    if (this.file === null) return;
    this.pending = show;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const show = this.pending;
    this.pending = null;
    if (this.file === null || show === null) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(show, null, 2) + '\n');
      this.logger.debug(`show saved to ${this.file}`);
    } catch (err) {
      this.logger.error(`could not save the show to ${this.file}`, {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  /** Writes the given show now, whatever is pending. */
  saveNow(show: Show): void {
    this.pending = show;
    this.flush();
  }
}
