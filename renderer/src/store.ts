// The console store: the core's state as a snapshot plus patches (reset on every reconnection), the
// latest telemetry, a 60-second bitrate history per destination, and the operator's local choices.
import { create } from 'zustand';
import type { JsonValue, PatchOp } from '../../electron/shared/patch.js';
import { applyPatch } from '../../electron/shared/patch.js';
import type { CoreState } from '../../electron/shared/state.js';
import { History } from './history.js';
import { destinationTelemetry } from './telemetry.js';

export type TransitionType = 'cut' | 'fade' | 'morph';
export type Dialog =
  | { kind: 'goLive' }
  | { kind: 'stopStream' }
  | { kind: 'stopRecord' }
  | { kind: 'source'; id: string | null }
  | { kind: 'destination'; id: string | null }
  | { kind: 'profile' }
  | { kind: 'help' }
  | null;

interface ConsoleStore {
  connected: boolean;
  /** We had a connection and lost it (the core is restarting), as opposed to never connected. */
  everConnected: boolean;
  rev: number;
  state: CoreState | null;
  telemetryData: JsonValue;
  telemetryAt: number;
  lastError: string | null;
  transition: { type: TransitionType; ms: number };
  dialog: Dialog;
  /** What the operator listens to: a source id (PFL), "program", or null. */
  monitor: string | null;
  snapshot: (rev: number, state: JsonValue) => void;
  /** false when a patch is out of order: the caller asks for a fresh snapshot. */
  patch: (rev: number, ops: PatchOp[]) => boolean;
  telemetry: (data: JsonValue) => void;
  disconnected: () => void;
  setError: (message: string | null) => void;
  setTransition: (t: Partial<{ type: TransitionType; ms: number }>) => void;
  openDialog: (d: Dialog) => void;
  setMonitor: (source: string | null) => void;
}

/** Bitrate per destination over the last 60 s, one point per second (outside React: no re-render). */
export const bitrateHistory = new Map<string, History>();
let lastHistorySecond = 0;

function recordHistory(data: JsonValue, state: CoreState | null): void {
  const second = Math.floor(Date.now() / 1000);
  if (second === lastHistorySecond || state === null) return;
  lastHistorySecond = second;
  for (const id of Object.keys(state.destinations)) {
    let h = bitrateHistory.get(id);
    if (!h) {
      h = new History(60);
      bitrateHistory.set(id, h);
    }
    h.push(destinationTelemetry(data, id).bitrateKbps);
  }
}

export const useConsole = create<ConsoleStore>((set, get) => ({
  connected: false,
  everConnected: false,
  rev: 0,
  state: null,
  telemetryData: null,
  telemetryAt: 0,
  lastError: null,
  transition: { type: 'fade', ms: 500 },
  dialog: null,
  monitor: null,
  snapshot: (rev, state) =>
    set({ connected: true, everConnected: true, rev, state: state as unknown as CoreState }),
  patch: (rev, ops) => {
    const current = get();
    if (current.state === null || rev !== current.rev + 1) return false;
    set({ rev, state: applyPatch(current.state, ops) as unknown as CoreState });
    return true;
  },
  telemetry: (data) => {
    recordHistory(data, get().state);
    set({ telemetryData: data, telemetryAt: Date.now() });
  },
  // The last state stays (shown stale under the banner); the next snapshot replaces it.
  disconnected: () => set({ connected: false, rev: 0 }),
  setError: (message) => set({ lastError: message }),
  setTransition: (t) => set({ transition: { ...get().transition, ...t } }),
  openDialog: (dialog) => set({ dialog }),
  setMonitor: (monitor) => set({ monitor }),
}));
