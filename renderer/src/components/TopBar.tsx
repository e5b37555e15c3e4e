// The top bar: the show, the on-air indicator with its clock, RECORD (elapsed, file, disk time left) and
// the big GO LIVE button. Starting and stopping the stream and stopping the recording always ask first.
import type { CoreState } from '../../../electron/shared/state.js';
import { basename, clock, timeLeft } from '../format.js';
import { act, useClient, useNow, useTelemetry } from '../hooks.js';
import { useConsole } from '../store.js';
import { destinationTelemetry, diskInfo } from '../telemetry.js';

export function TopBar({ state }: { state: CoreState }) {
  const client = useClient();
  const openDialog = useConsole((s) => s.openDialog);
  const now = useNow();
  const t = useTelemetry(5);
  const disk = diskInfo(t);
  const live = state.program.live;
  const since = state.program.liveSince !== null ? Date.parse(state.program.liveSince) : now;
  const rec = state.recording;
  // the same reading as the health cards (telemetry first, it is fresher than the state), so the count
  // and the cards never disagree
  const enabledDests = state.show.destinations.filter((d) => d.enabled);
  const liveDests = enabledDests.filter(
    (d) => (destinationTelemetry(t, d.id).state ?? state.destinations[d.id]?.state) === 'live',
  ).length;
  const enabled = enabledDests.length;
  return (
    <header className="topbar">
      <div className="show">
        <h1>{state.show.name}</h1>
        <span className="muted">
          {state.show.program.width}×{state.show.program.height}@{state.show.program.fps}
        </span>
      </div>
      <div
        className={`onair ${live ? 'on' : ''}`}
        role="status"
        aria-label="On air"
        data-testid="onair"
        aria-live="polite"
      >
        <span className="onair-label">{live ? 'ON AIR' : 'OFF AIR'}</span>
        <span className="clock">{live ? clock((now - since) / 1000) : '--:--:--'}</span>
        <span className="muted small">
          {live ? `${liveDests}/${enabled} destinations live` : `${enabled} destinations ready`}
        </span>
      </div>
      <div className={`rec ${rec.active ? 'on' : ''}`} data-testid="recording">
        <button
          type="button"
          className={`big rec-button ${rec.active ? 'active' : ''}`}
          title="Record (R); stopping asks"
          onClick={() => (rec.active ? openDialog({ kind: 'stopRecord' }) : act(client['record.start']()))}
        >
          {rec.active ? '■ STOP REC' : '● RECORD'}
        </button>
        <div className="rec-info">
          <span className="clock">{rec.active ? clock(rec.durationS) : '--:--:--'}</span>
          <span className="muted small file" title={rec.path ?? ''}>
            {rec.active ? basename(rec.path) : 'not recording'}
          </span>
          <span className={`small ${disk !== null && disk.secondsLeft < 1800 ? 'warn' : 'muted'}`}>
            {disk !== null ? `disk: ${timeLeft(disk.secondsLeft)} left` : ''}
          </span>
          {rec.lastError !== null ? <span className="small bad">{rec.lastError}</span> : null}
        </div>
      </div>
      <button
        type="button"
        className={`big golive ${live ? 'live' : ''}`}
        title="Go live / end the stream (Ctrl+L, always asks)"
        onClick={() => openDialog(live ? { kind: 'stopStream' } : { kind: 'goLive' })}
      >
        {live ? 'END STREAM' : 'GO LIVE'}
      </button>
    </header>
  );
}
