// Per-source lip-sync in the mixer strip: the sync offset (audio.setDelay; + delays the audio, - the
// video), the measured A/V offset and clock drift from telemetry, and Calibrate (audio.calibrate with the
// sync pattern in front of the camera), whose proposal the operator applies with one click.
import { useEffect, useState } from 'react';
import { act, useClient } from '../hooks.js';
import { useConsole } from '../store.js';
import type { SourceAudio } from '../telemetry.js';

export function SyncControls({
  id,
  name,
  delayMs,
  audio,
}: {
  id: string;
  name: string;
  delayMs: number;
  audio: SourceAudio;
}) {
  const client = useClient();
  // What the operator types stays until the core's state has the value they sent: another change's
  // echo arriving while they type must not overwrite the field.
  const [local, setLocal] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const text = local ?? String(delayMs);
  const [busy, setBusy] = useState(false);
  const [proposal, setProposal] = useState<{ offsetMs: number | null; proposed: number | null } | null>(null);
  useEffect(() => {
    if (sent !== null && sent === delayMs) {
      setSent(null);
      setLocal(null);
    }
  }, [delayMs, sent]);
  const apply = (ms: number) => act(client['audio.setDelay']({ source: id, ms }));
  const commit = () => {
    if (local === null) return;
    const ms = Math.round(Number(local));
    if (local.trim() === '' || !Number.isFinite(ms) || ms < -500 || ms > 2000) {
      setLocal(null);
      return;
    }
    if (sent === ms) return; // Enter, then the blur that follows: sent once
    setLocal(String(ms));
    setSent(ms);
    client['audio.setDelay']({ source: id, ms }).then(
      () => useConsole.getState().setError(null),
      (err: unknown) => {
        // Refused: the field shows the core's value again, the reason shows in the error line.
        setLocal(null);
        setSent(null);
        useConsole.getState().setError(err instanceof Error ? err.message : String(err));
      },
    );
  };
  return (
    <div className="sync" data-testid={`sync-${id}`}>
      <label
        className="sync-delay"
        title="Sync offset: + delays the audio, − delays the video (−500…2000 ms)"
      >
        <span>sync</span>
        <input
          inputMode="numeric"
          aria-label={`${name} sync offset (ms)`}
          value={text}
          onChange={(e) => {
            // Typing again: what was sent before no longer decides when the field lets go.
            setLocal(e.target.value);
            setSent(null);
          }}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      </label>
      <div
        className="sync-figures small muted"
        title="Measured A/V offset (+ = audio late) and clock drift of this source"
      >
        <span>
          {Number.isFinite(audio.syncOffsetMs)
            ? `${audio.syncOffsetMs > 0 ? '+' : ''}${Math.round(audio.syncOffsetMs)} ms`
            : 'offset —'}
        </span>
        <span>{Number.isFinite(audio.driftPpm) ? `${Math.round(audio.driftPpm)} ppm` : ''}</span>
      </div>
      <button
        type="button"
        className="small-button"
        disabled={busy}
        title="Show the sync pattern (flash + beep: a test source, or /sync.html on a phone) to this source, then measure"
        onClick={() => {
          setBusy(true);
          client['audio.calibrate']({ source: id }).then(
            (r) => {
              setBusy(false);
              setProposal({ offsetMs: r.offsetMs, proposed: r.proposedDelayMs });
            },
            (err: unknown) => {
              setBusy(false);
              setProposal({ offsetMs: null, proposed: null });
              act(Promise.reject(err instanceof Error ? err : new Error(String(err))));
            },
          );
        }}
      >
        {busy ? 'Measuring…' : 'Calibrate'}
      </button>
      {proposal !== null ? (
        proposal.proposed !== null ? (
          <button
            type="button"
            className="small-button primary"
            onClick={() => {
              apply(proposal.proposed ?? 0);
              setProposal(null);
            }}
          >
            Apply {proposal.proposed} ms
          </button>
        ) : (
          <span className="small warn">no flash + beep</span>
        )
      ) : null}
    </div>
  );
}
