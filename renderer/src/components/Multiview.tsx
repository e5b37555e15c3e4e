// The multiview: every source's live preview with its name, status, tally border (red: on program,
// green: on preview) and a level meter. A click puts the source full-screen on preview; "Display" puts it
// alone on the second display (the confidence monitor or the projector).
import type { CoreState } from '../../../electron/shared/state.js';
import { showOnSecondDisplay } from '../bridge.js';
import { act, useClient } from '../hooks.js';
import { Meter } from '../Meter.js';
import { Preview } from '../Preview.js';
import { useConsole } from '../store.js';
import { sourceAudio } from '../telemetry.js';

export function Multiview({ state, onPick }: { state: CoreState; onPick: (id: string) => void }) {
  const client = useClient();
  const openDialog = useConsole((s) => s.openDialog);
  return (
    <section className="multiview" aria-label="Sources">
      {state.show.sources.map((s) => {
        const st = state.sources[s.id];
        const status = st?.status ?? 'starting';
        const tally = state.tally[s.id] ?? 'off';
        return (
          <article
            key={s.id}
            className={`tile tally-${tally}`}
            data-testid={`source-${s.id}`}
            data-tally={tally}
          >
            <button
              type="button"
              className="tile-picture"
              title={`${s.name}: full screen on preview`}
              onClick={() => {
                onPick(s.id);
                act(client['preview.setLayout']({ layout: 'full', a: s.id }));
              }}
            >
              <Preview kind="source" id={s.id} label={`${s.name} preview`} />
              {status !== 'live' ? (
                <span className={`tile-status-overlay ${status}`}>
                  {status === 'no-signal' ? 'NO SIGNAL' : status.toUpperCase()}
                </span>
              ) : null}
            </button>
            <div className="tile-meter">
              <Meter
                read={() => sourceAudio(useConsole.getState().telemetryData, s.id)}
                label={`${s.name} level`}
                testId={`tile-meter-${s.id}`}
                orientation="horizontal"
                width={320}
                height={10}
              />
            </div>
            <div className="tile-caption">
              <span className="tile-name">{s.name}</span>
              <span className={`status ${status}`}>{status}</span>
              {tally !== 'off' ? (
                <span className={`tally-badge ${tally}`}>{tally === 'program' ? 'PGM' : 'PVW'}</span>
              ) : null}
              <button
                type="button"
                className="small-button"
                aria-label={`Show ${s.name} on the second display`}
                title="Alone, full screen, on the second display"
                onClick={() => act(showOnSecondDisplay({ kind: 'source', id: s.id }))}
              >
                Display
              </button>
              <button
                type="button"
                className="small-button"
                aria-label={`Edit ${s.name}`}
                onClick={() => openDialog({ kind: 'source', id: s.id })}
              >
                Edit
              </button>
            </div>
            {st?.lastError ? (
              <p className="tile-error" title={st.lastError}>
                {st.lastError}
              </p>
            ) : null}
          </article>
        );
      })}
      <button
        type="button"
        className="tile add-tile"
        onClick={() => openDialog({ kind: 'source', id: null })}
      >
        + Add source
      </button>
    </section>
  );
}
