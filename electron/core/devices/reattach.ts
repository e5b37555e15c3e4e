// Which device sources to restart when the device list changes:
// - a device that came back (added): its sources that are not live. Their ffmpeg failed when it went
//   away and waits in backoff (up to 10 s); a restart skips the wait.
// - a device that went away (removed) or was re-created between two enumerations (replaced): all its
//   sources. PulseAudio moves a stream whose source vanished to another source, so the capture would go
//   on, silently, from the wrong microphone; restarted, it opens the device by name, fails, and shows
//   no-signal until the device returns.
import type { Source } from '../../shared/show.js';
import type { SourceStatus } from '../../shared/state.js';

export interface DeviceIdsChange {
  added: readonly string[];
  removed: readonly string[];
  replaced: readonly string[];
}

export function sourcesToRestart(
  sources: readonly Source[],
  change: DeviceIdsChange,
  statuses: Readonly<Partial<Record<string, Pick<SourceStatus, 'status'>>>>,
): string[] {
  const back = new Set(change.added);
  const gone = new Set([...change.removed, ...change.replaced]);
  const out: string[] = [];
  for (const s of sources) {
    if (s.kind !== 'device') continue;
    const ids = [s.video, s.audio].filter((id): id is string => id !== undefined);
    const live = statuses[s.id]?.status === 'live';
    if (ids.some((id) => gone.has(id)) || (!live && ids.some((id) => back.has(id)))) out.push(s.id);
  }
  return out;
}
