// The console store: the core's state as a snapshot plus patches; reset on every reconnection.
import { create } from 'zustand';
import type { JsonValue, PatchOp } from '../../electron/shared/patch.js';
import { applyPatch } from '../../electron/shared/patch.js';
import type { CoreState } from '../../electron/shared/state.js';

interface ConsoleStore {
  connected: boolean;
  rev: number;
  state: CoreState | null;
  telemetryData: JsonValue;
  lastError: string | null;
  snapshot(rev: number, state: JsonValue): void;
  /** false when a patch is out of order: the caller asks for a fresh snapshot. */
  patch(rev: number, ops: PatchOp[]): boolean;
  telemetry(data: JsonValue): void;
  disconnected(): void;
  setError(message: string | null): void;
}

export const useConsole = create<ConsoleStore>((set, get) => ({
  connected: false,
  rev: 0,
  state: null,
  telemetryData: null,
  lastError: null,
  snapshot: (rev, state) => set({ connected: true, rev, state: state as unknown as CoreState }),
  patch: (rev, ops) => {
    const current = get();
    if (current.state === null || rev !== current.rev + 1) return false;
    set({ rev, state: applyPatch(current.state, ops) as unknown as CoreState });
    return true;
  },
  telemetry: (data) => set({ telemetryData: data }),
  disconnected: () => set({ connected: false, state: null, rev: 0 }),
  setError: (message) => set({ lastError: message }),
}));
