// The source editor: add a source of any kind, or change one. Validated inline with the same schema the
// core uses; device sources pick from enumeration, with each device's capture modes shown.
import { useState } from 'react';
import type { CaptureDevice } from '../../../electron/shared/devices.js';
import type { Source, SourceKind } from '../../../electron/shared/show.js';
import { SourceInputSchema } from '../../../electron/shared/show.js';
import type { CoreState } from '../../../electron/shared/state.js';
import { bridge } from '../bridge.js';
import { act, useClient } from '../hooks.js';
import { useConsole } from '../store.js';
import { EditorFooter, Field } from './Field.js';
import type { FieldErrors } from './form.js';
import { fieldErrors, numberOrUndefined } from './form.js';
import { Modal } from './Modal.js';

type Draft = Record<string, string | boolean>;

const KINDS: { kind: SourceKind; label: string }[] = [
  { kind: 'device', label: 'Capture device' },
  { kind: 'url', label: 'Network (SRT, RTMP, UDP, HTTP)' },
  { kind: 'screen', label: 'Screen' },
  { kind: 'file', label: 'Video file' },
  { kind: 'image', label: 'Still image' },
  { kind: 'test', label: 'Test pattern' },
];

function draftOf(s: Source | undefined): Draft {
  if (s === undefined)
    return { kind: 'device', name: '', pattern: 'bars', toneDbfs: '-20', loop: true, display: ':0.0' };
  const d: Draft = {};
  for (const [k, v] of Object.entries(s)) {
    if (typeof v === 'string' || typeof v === 'boolean') d[k] = v;
    else if (typeof v === 'number') d[k] = String(v);
  }
  return d;
}

/** The draft as source.add arguments (only the fields of its kind). */
export function inputOf(d: Draft): Record<string, unknown> {
  const str = (k: string) => (typeof d[k] === 'string' && d[k] !== '' ? d[k] : undefined);
  const out: Record<string, unknown> = { kind: d.kind, name: str('name') ?? '' };
  const put = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  switch (String(d.kind)) {
    case 'test':
      put('pattern', str('pattern'));
      put('color', str('color'));
      put('toneHz', numberOrUndefined(String(d.toneHz ?? '')));
      put('toneDbfs', numberOrUndefined(String(d.toneDbfs ?? '')));
      break;
    case 'file':
      put('path', str('path'));
      put('loop', d.loop === true);
      break;
    case 'url':
      put('url', str('url'));
      break;
    case 'device':
      put('video', str('video'));
      put('audio', str('audio'));
      break;
    case 'screen':
      put('display', str('display'));
      break;
    case 'image':
      put('path', str('path'));
      break;
    default:
      break;
  }
  return out;
}

function modes(d: CaptureDevice): string {
  if (d.modes.length === 0) return d.kind === 'audio' ? 'audio' : 'modes not listed';
  const best = [...d.modes].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  const fps = best?.fps.length ? `@${Math.max(...best.fps)}` : '';
  return `${d.modes.length} modes, up to ${best?.width ?? 0}×${best?.height ?? 0}${fps}${best?.codec ? ` ${best.codec}` : ''}`;
}

export function SourceEditor({ state, id }: { state: CoreState; id: string | null }) {
  const client = useClient();
  const close = () => useConsole.getState().openDialog(null);
  const existing = id === null ? undefined : state.show.sources.find((s) => s.id === id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const set = (k: string, v: string | boolean) => {
    const next = { ...draft, [k]: v };
    setDraft(next);
    // once the operator has seen errors, keep them current as he types
    if (Object.keys(errors).length > 0) {
      const r = SourceInputSchema.safeParse(inputOf(next));
      setErrors(r.success ? {} : fieldErrors(r.error));
    }
  };
  const text = (k: string) => (typeof draft[k] === 'string' ? draft[k] : '');
  const devices = state.devices;
  const save = () => {
    const input = inputOf(draft);
    const r = SourceInputSchema.safeParse(input);
    if (!r.success) {
      setErrors(fieldErrors(r.error));
      return;
    }
    setErrors({});
    const done = (p: Promise<unknown>) =>
      void p.then(close, (err: unknown) => setServerError(err instanceof Error ? err.message : String(err)));
    if (existing === undefined) done(client['source.add'](r.data));
    else {
      const { kind: _k, ...changes } = input;
      done(client['source.update']({ id: existing.id, changes }));
    }
  };
  const browse = (k: string, title: string) => {
    const b = bridge();
    if (!b?.chooseFile) return;
    void b.chooseFile({ title }).then((p) => p !== null && set(k, p));
  };
  const kind = draft.kind as SourceKind;
  return (
    <Modal title={existing ? `Edit ${existing.name}` : 'Add a source'} onClose={close} wide>
      <form
        className="editor"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label="Name" error={errors.name}>
          <input value={text('name')} onChange={(e) => set('name', e.target.value)} placeholder="Camera 1" />
        </Field>
        <Field label="Kind" error={errors.kind}>
          <select
            value={kind}
            disabled={existing !== undefined}
            onChange={(e) => set('kind', e.target.value)}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        {kind === 'device' ? (
          <>
            <Field
              label="Video device"
              error={errors.video}
              hint={devices ? undefined : 'enumerating devices…'}
            >
              <select value={text('video')} onChange={(e) => set('video', e.target.value)}>
                <option value="">(none)</option>
                {devices?.video.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} — {d.backend}, {modes(d)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Audio device" error={errors.audio}>
              <select value={text('audio')} onChange={(e) => set('audio', e.target.value)}>
                <option value="">(none)</option>
                {devices?.audio.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} — {d.backend}
                    {d.monitor ? ' (monitor)' : ''}
                  </option>
                ))}
              </select>
            </Field>
            {devices?.backends
              .filter((b) => !b.available)
              .map((b) => (
                <p key={b.backend} className="muted small">
                  {b.backend}: {b.reason ?? 'unavailable'}
                </p>
              ))}
          </>
        ) : null}
        {kind === 'url' ? (
          <Field
            label="URL"
            error={errors.url}
            hint="srt://0.0.0.0:9000?mode=listener, rtmp://…, udp://…, https://…"
          >
            <input value={text('url')} onChange={(e) => set('url', e.target.value)} aria-label="Source URL" />
          </Field>
        ) : null}
        {kind === 'screen' ? (
          <Field label="Display" error={errors.display}>
            <input value={text('display')} onChange={(e) => set('display', e.target.value)} />
          </Field>
        ) : null}
        {kind === 'file' || kind === 'image' ? (
          <Field label="Path" error={errors.path}>
            <span className="with-button">
              <input value={text('path')} onChange={(e) => set('path', e.target.value)} />
              {bridge()?.chooseFile ? (
                <button type="button" onClick={() => browse('path', 'Choose a file')}>
                  Browse…
                </button>
              ) : null}
            </span>
          </Field>
        ) : null}
        {kind === 'file' ? (
          <label className="check">
            <input
              type="checkbox"
              checked={draft.loop === true}
              onChange={(e) => set('loop', e.target.checked)}
            />{' '}
            loop
          </label>
        ) : null}
        {kind === 'test' ? (
          <>
            <Field label="Pattern" error={errors.pattern}>
              <select value={text('pattern')} onChange={(e) => set('pattern', e.target.value)}>
                <option value="bars">SMPTE bars</option>
                <option value="motion">moving test card</option>
                <option value="color">plain colour</option>
              </select>
            </Field>
            {draft.pattern === 'color' ? (
              <Field label="Colour" error={errors.color}>
                <input
                  value={text('color')}
                  onChange={(e) => set('color', e.target.value)}
                  placeholder="#rrggbb"
                />
              </Field>
            ) : null}
            <Field label="Tone (Hz, empty: silent)" error={errors.toneHz}>
              <input
                inputMode="decimal"
                value={text('toneHz')}
                onChange={(e) => set('toneHz', e.target.value)}
              />
            </Field>
            <Field label="Tone level (dBFS peak)" error={errors.toneDbfs}>
              <input
                inputMode="decimal"
                value={text('toneDbfs')}
                onChange={(e) => set('toneDbfs', e.target.value)}
              />
            </Field>
          </>
        ) : null}
        {errors[''] !== undefined ? <p className="field-error">{errors['']}</p> : null}
        <EditorFooter
          serverError={serverError}
          onRemove={existing ? () => act(client['source.remove']({ id: existing.id }), close) : undefined}
          onCancel={close}
        />
      </form>
    </Modal>
  );
}
