// Studio mode: the preview monitor (what TAKE will put on program), the transition panel (TAKE, cut /
// fade / morph and its duration, the break slates and overlays) and the program monitor; below them the
// layout buttons, the PiP corner picker and the A/B source pickers.
import { useEffect, useState } from 'react';
import type { CoreState } from '../../../electron/shared/state.js';
import { showOnSecondDisplay } from '../bridge.js';
import { act, useClient } from '../hooks.js';
import type { Corner } from '../layouts.js';
import { layoutChoices } from '../layouts.js';
import { Preview } from '../Preview.js';
import { SceneMonitor } from '../SceneMonitor.js';
import type { TransitionType } from '../store.js';
import { useConsole } from '../store.js';
import { Toggles } from './Toggles.js';

const CORNERS: { c: Corner; label: string }[] = [
  { c: 'tl', label: '↖' },
  { c: 'tr', label: '↗' },
  { c: 'bl', label: '↙' },
  { c: 'br', label: '↘' },
];

/** The A and B sources the layout buttons use, kept while the preview changes (full B keeps A). */
export function useAB(
  state: CoreState,
): [string | undefined, string | undefined, (a?: string, b?: string) => void] {
  const ids: string[] = state.show.sources.map((s) => s.id);
  const initial = (): [string | undefined, string | undefined] => {
    const p = state.preview.sources;
    return [p[0] ?? ids[0], p[1] ?? ids.find((id) => id !== (p[0] ?? ids[0]))];
  };
  const [ab, setAb] = useState(initial);
  useEffect(() => {
    // a removed source leaves the pickers
    if ((ab[0] !== undefined && !ids.includes(ab[0])) || (ab[1] !== undefined && !ids.includes(ab[1])))
      setAb(initial());
  });
  return [ab[0], ab[1], (a, b) => setAb([a, b])];
}

export function Monitors({ state, ab }: { state: CoreState; ab: ReturnType<typeof useAB> }) {
  const client = useClient();
  const transition = useConsole((s) => s.transition);
  const setTransition = useConsole((s) => s.setTransition);
  const [a, b, setAB] = ab;
  const corner = state.preview.corner;
  const choices = layoutChoices(state.show.layouts);
  const take = (type: TransitionType = transition.type) =>
    act(client['program.take']({ transition: { type, ms: type === 'cut' ? 0 : transition.ms } }));
  const setPreview = (args: ReturnType<(typeof choices)[number]['args']>) =>
    act(client['preview.setLayout'](args));
  const current = choices.find((c) => c.matches(state.preview, a, b));
  return (
    <section className="monitors" aria-label="Monitors">
      <figure className="monitor-box preview-box">
        <figcaption>
          <span className="tag preview-tag">PREVIEW</span>
        </figcaption>
        <SceneMonitor
          scene={state.preview}
          layouts={state.show.layouts}
          label="Preview monitor"
          testId="monitor-preview"
        />
      </figure>
      <div className="transition-panel">
        <button
          type="button"
          className="take big"
          title="Take with the chosen transition (Space or Enter)"
          onClick={() => take()}
        >
          TAKE
        </button>
        <div className="segmented" role="radiogroup" aria-label="Transition">
          {(['cut', 'fade', 'morph'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={transition.type === t}
              title={t === 'cut' ? 'Cut now (C)' : t === 'fade' ? 'Fade now (F)' : 'Morph'}
              onClick={() => setTransition({ type: t })}
            >
              {t}
            </button>
          ))}
        </div>
        <label className="ms">
          <span>duration</span>
          <select
            value={transition.ms}
            aria-label="Transition duration"
            onChange={(e) => setTransition({ ms: Number(e.target.value) })}
          >
            {[250, 500, 1000, 2000].map((ms) => (
              <option key={ms} value={ms}>
                {ms} ms
              </option>
            ))}
          </select>
        </label>
        <Toggles state={state} />
      </div>
      <figure className="monitor-box program-box">
        <figcaption>
          <span className="tag program-tag">PROGRAM</span>
        </figcaption>
        <Preview kind="program" id="program" label="Program monitor" width={640} />
        <button
          type="button"
          className="small-button monitor-corner-button"
          aria-label="Show the program on the second display"
          title="Full screen on the second display"
          onClick={() => act(showOnSecondDisplay({ kind: 'program' }))}
        >
          Display
        </button>
      </figure>
      <div className="layout-row" aria-label="Layouts" role="group">
        {choices.map((c) => (
          <button
            key={c.id}
            type="button"
            className="layout-button"
            aria-pressed={current?.id === c.id}
            title={c.key !== '' ? `${c.label} on preview (${c.key})` : `${c.label} on preview`}
            onClick={() => setPreview(c.args(a, b, corner))}
          >
            {c.key !== '' ? <kbd>{c.key}</kbd> : null} {c.label}
          </button>
        ))}
        <div className="segmented corners" role="radiogroup" aria-label="PiP corner">
          {CORNERS.map(({ c, label }) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={corner === c}
              aria-label={`PiP corner ${c}`}
              onClick={() =>
                setPreview({ layout: 'pip', ...(a ? { a } : {}), ...(b ? { b } : {}), corner: c })
              }
            >
              {label}
            </button>
          ))}
        </div>
        <label className="picker">
          A
          <select aria-label="Source A" value={a ?? ''} onChange={(e) => setAB(e.target.value, b)}>
            {state.show.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="picker">
          B
          <select aria-label="Source B" value={b ?? ''} onChange={(e) => setAB(a, e.target.value)}>
            {state.show.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
