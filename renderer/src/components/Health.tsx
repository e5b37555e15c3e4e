// Upstream health: a card per destination with its state, a 60-second bitrate graph, backlog, drops,
// reconnects, the last error in words, SRT statistics and the ingest server's own confirmation.
import { useEffect, useRef } from 'react';
import type { CoreState } from '../../../electron/shared/state.js';
import { clock, kbps } from '../format.js';
import { act, useClient, useTelemetry } from '../hooks.js';
import { bitrateHistory, useConsole } from '../store.js';
import { destinationTelemetry } from '../telemetry.js';

function BitrateGraph({ id, target }: { id: string; target: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const draw = (): void => {
      const c = ref.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return;
      const values = bitrateHistory.get(id)?.list() ?? [];
      const top = Math.max(target * 1.5, ...values, 1);
      ctx.fillStyle = '#0b0c0e';
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.strokeStyle = 'rgba(255,255,255,0.2)';
      const ty = c.height - (target / top) * c.height;
      ctx.beginPath();
      ctx.moveTo(0, ty);
      ctx.lineTo(c.width, ty);
      ctx.stroke();
      ctx.strokeStyle = '#4caf50';
      ctx.lineWidth = 2;
      ctx.beginPath();
      const step = c.width / 59;
      const offset = 60 - values.length;
      values.forEach((v, i) => {
        const x = (offset + i) * step;
        const y = c.height - (v / top) * c.height;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    };
    draw();
    const t = setInterval(draw, 1000);
    return () => clearInterval(t);
  }, [id, target]);
  return <canvas ref={ref} className="graph" width={240} height={48} aria-label="Bitrate, last 60 seconds" />;
}

export function Health({ state }: { state: CoreState }) {
  const client = useClient();
  const openDialog = useConsole((s) => s.openDialog);
  const t = useTelemetry(5);
  const { encoder, audioTracks } = state.show;
  // The program's configured rate: video, the slides track if any, one AAC stream per audio track.
  const target =
    encoder.videoKbps + (encoder.slidesTrack?.videoKbps ?? 0) + encoder.audioKbps * audioTracks.length;
  return (
    <section className="health" aria-label="Upstream health">
      {state.show.destinations.map((d) => {
        const h = state.destinations[d.id];
        const live = destinationTelemetry(t, d.id);
        const st = live.state ?? h?.state ?? 'stopped';
        return (
          <article key={d.id} className={`card dest-${st}`} data-testid={`dest-${d.id}`} data-state={st}>
            <header>
              <h3>{d.name}</h3>
              <span className={`badge ${st}`} data-testid={`dest-state-${d.id}`}>
                {st}
              </span>
            </header>
            <BitrateGraph id={d.id} target={target} />
            <dl className="figures">
              <dt>bitrate</dt>
              <dd
                data-testid={`dest-bitrate-${d.id}`}
                data-kbps={Math.round(live.bitrateKbps || (h?.bitrateKbps ?? 0))}
              >
                {kbps(live.bitrateKbps || (h?.bitrateKbps ?? 0))}
              </dd>
              <dt>backlog</dt>
              <dd>{Math.round(live.backlogMs || (h?.backlogMs ?? 0))} ms</dd>
              <dt>dropped</dt>
              <dd>{h?.droppedFrames ?? 0}</dd>
              <dt>reconnects</dt>
              <dd>{h?.reconnects ?? 0}</dd>
              <dt>up</dt>
              <dd>{clock(h?.uptimeS ?? 0)}</dd>
              {live.srt !== null ? (
                <>
                  <dt>SRT RTT</dt>
                  <dd>{live.srt.rttMs.toFixed(1)} ms</dd>
                  <dt>loss / retrans</dt>
                  <dd>
                    {live.srt.lossPct.toFixed(2)} % / {live.srt.retransPct.toFixed(2)} %
                  </dd>
                </>
              ) : null}
              {live.ingest !== null ? (
                <>
                  <dt>ingest</dt>
                  <dd className={live.ingest.confirmed === true ? 'good' : 'warn'}>
                    {live.ingest.confirmed === true
                      ? `confirmed${Number.isFinite(live.ingest.listeners) ? `, ${live.ingest.listeners} listeners` : ''}`
                      : (live.ingest.error ?? 'not seen by the server')}
                  </dd>
                </>
              ) : null}
            </dl>
            <p className="last-error" title={h?.lastError ?? ''}>
              {h?.lastError ?? '\u00a0'}
            </p>
            <footer>
              {st === 'stopped' || st === 'failed' ? (
                <button type="button" onClick={() => act(client['destination.start']({ id: d.id }))}>
                  Start
                </button>
              ) : (
                <button type="button" onClick={() => act(client['destination.stop']({ id: d.id }))}>
                  Stop
                </button>
              )}
              <button type="button" onClick={() => openDialog({ kind: 'destination', id: d.id })}>
                Edit
              </button>
            </footer>
          </article>
        );
      })}
      <button
        type="button"
        className="card add-card"
        onClick={() => openDialog({ kind: 'destination', id: null })}
      >
        + Add destination
      </button>
      <button type="button" className="card add-card" onClick={() => openDialog({ kind: 'profile' })}>
        Event profile…
      </button>
    </section>
  );
}
