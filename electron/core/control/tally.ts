// The tally in state, derived on every state change from the scenes and the break slate.
import type { CoreState } from '../../shared/state.js';
import { computeTally } from '../../shared/tally.js';

export function deriveTally(draft: CoreState): void {
  draft.tally = computeTally({
    sources: draft.show.sources.map((s) => s.id),
    program: draft.show.scene,
    preview: draft.preview,
    blank: draft.program.blank !== null,
    layouts: draft.show.layouts,
  });
}
