// The operator console (first cut): connection banner, show, sources with their status, layout buttons.
// The full console (multiview, studio mode, mixer, health) is built on this store and connection.
import { useState } from 'react';
import type { Client } from '../../electron/shared/client.js';
import { useConsole } from './store.js';
import { Preview } from './Preview.js';

const LAYOUTS = [
  { layout: 'full', label: 'Full A', key: '1' },
  { layout: 'pip', label: 'PiP', key: '2' },
  { layout: 'sideBySide', label: 'Side by side', key: '3' },
  { layout: 'lecture', label: 'Lecture', key: '4' },
] as const;

export function App({ client }: { client: Client }) {
  const connected = useConsole((s) => s.connected);
  const state = useConsole((s) => s.state);
  const [error, setError] = useState<string | null>(null);

  if (!connected || state === null) {
    return (
      <div className="banner" role="alert">
        Core unreachable: reconnecting…
      </div>
    );
  }
  const show = state.show;
  const setLayout = (layout: (typeof LAYOUTS)[number]['layout']) => {
    client['program.setLayout']({ layout }).then(
      () => setError(null),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  };
  return (
    <main>
      <header>
        <h1>{show.name}</h1>
        <span className="format">
          {show.program.width}×{show.program.height}@{show.program.fps}
        </span>
        <span className="ffmpeg">ffmpeg {state.ffmpeg.version}</span>
      </header>
      <section aria-label="Program" className="program-monitor">
        <Preview kind="program" id="program" label="Program" />
      </section>
      <section aria-label="Sources" className="sources">
        {show.sources.map((s) => {
          const st = state.sources[s.id];
          const onProgram = show.scene.sources.includes(s.id);
          return (
            <article
              key={s.id}
              className={`source ${onProgram ? 'program' : ''}`}
              data-testid={`source-${s.id}`}
            >
              <Preview kind="source" id={s.id} label={`${s.name} preview`} />
              <h2>{s.name}</h2>
              <p className={`status ${st?.status ?? 'starting'}`}>{st?.status ?? 'starting'}</p>
              {st?.lastError ? <p className="error">{st.lastError}</p> : null}
            </article>
          );
        })}
      </section>
      <section aria-label="Layouts" className="layouts">
        {LAYOUTS.map((l) => (
          <button
            key={l.layout}
            type="button"
            aria-pressed={show.scene.layout === l.layout}
            title={`${l.label} (${l.key})`}
            onClick={() => setLayout(l.layout)}
          >
            {l.label}
          </button>
        ))}
      </section>
      {error !== null ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </main>
  );
}
