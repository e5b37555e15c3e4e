// The state store: one JSON document, changed through update(); every change is published to
// subscribers as a patch with a revision number. A new subscriber gets a snapshot first.
import type { CoreState } from '../../shared/state.js';
import type { JsonValue, PatchOp } from '../../shared/patch.js';
import { diff } from '../../shared/patch.js';

export type StateListener = (rev: number, ops: PatchOp[]) => void;

export class StateStore {
  private current: CoreState;
  private rev = 0;
  private readonly listeners = new Set<StateListener>();

  /** `derive` fills the fields computed from others (tally) on every change, before the diff. */
  constructor(
    initial: CoreState,
    private readonly derive: (draft: CoreState) => void = () => undefined,
  ) {
    const first = structuredClone(initial);
    derive(first);
    this.current = first;
  }

  get(): CoreState {
    return this.current;
  }

  snapshot(): { rev: number; state: JsonValue } {
    return { rev: this.rev, state: this.current };
  }

  /** Produce the next state from a draft copy; listeners receive the difference. */
  update(change: (draft: CoreState) => void): void {
    const draft = structuredClone(this.current);
    change(draft);
    this.derive(draft);
    const ops = diff(this.current, draft);
    if (ops.length === 0) return;
    this.current = draft;
    this.rev += 1;
    for (const l of [...this.listeners]) l(this.rev, ops);
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
