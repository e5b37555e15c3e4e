// The show as the core holds it: every change is validated against the schema (the show never becomes
// invalid), published in state, saved back (debounced, atomic) and applied to the media plane.
import { ApiError } from '../../shared/errors.js';
import type { Show } from '../../shared/show.js';
import { ShowSchema } from '../../shared/show.js';
import type { StateStore } from '../state/store.js';
import type { ShowSaver } from './save.js';
import { describeIssues } from './load.js';

export class ShowModel {
  constructor(
    private readonly store: StateStore,
    private readonly saver: ShowSaver,
    private readonly apply: (show: Show) => void,
  ) {}

  get show(): Show {
    return this.store.get().show;
  }

  change(mutate: (draft: Show) => void): void {
    const draft = structuredClone(this.show);
    mutate(draft);
    const checked = ShowSchema.safeParse(draft);
    if (!checked.success) throw new ApiError('invalid_argument', describeIssues(checked.error).join('; '));
    this.store.update((s) => void (s.show = checked.data));
    this.saver.schedule(checked.data);
    this.apply(checked.data);
  }

  /** Writes the show file now; returns its path (null when the show has no file, e.g. --demo). */
  saveNow(): string | null {
    this.saver.saveNow(this.show);
    return this.saver.path;
  }
}
