// The destination editor: name, URL and stream key (masked, with a reveal button; it goes to the secrets
// store, never into the show). Validated inline with the core's own schema. An existing destination can
// get a new key, be switched on or off for go-live, or be removed.
import { useState } from 'react';
import { DestinationSchema } from '../../../electron/shared/show.js';
import type { CoreState } from '../../../electron/shared/state.js';
import { act, useClient } from '../hooks.js';
import { useConsole } from '../store.js';
import { EditorFooter, Field } from './Field.js';
import type { FieldErrors } from './form.js';
import { fieldErrors } from './form.js';
import { Modal } from './Modal.js';

const NewDestination = DestinationSchema.omit({ id: true, keyRef: true });

export function KeyInput({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
}) {
  const [reveal, setReveal] = useState(false);
  return (
    <span className="with-button">
      <input
        type={reveal ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-label={label}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>
        {reveal ? 'Hide' : 'Reveal'}
      </button>
    </span>
  );
}

export function DestinationEditor({ state, id }: { state: CoreState; id: string | null }) {
  const client = useClient();
  const close = () => useConsole.getState().openDialog(null);
  const existing = id === null ? undefined : state.show.destinations.find((d) => d.id === id);
  const [name, setName] = useState(existing?.name ?? '');
  const [url, setUrl] = useState(existing?.url ?? '');
  const [key, setKey] = useState('');
  const [statsUrl, setStatsUrl] = useState(existing?.statsUrl ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const masked =
    existing?.keyRef !== undefined ? state.secrets.find((s) => s.ref === existing.keyRef)?.masked : undefined;

  const validate = (n = name, u = url, s = statsUrl) => {
    const r = NewDestination.safeParse({ name: n, url: u, ...(s !== '' ? { statsUrl: s } : {}) });
    setErrors(r.success ? {} : fieldErrors(r.error));
    return r;
  };
  const fail = (err: unknown) => setServerError(err instanceof Error ? err.message : String(err));

  const save = () => {
    if (existing !== undefined) {
      // a new key for an existing destination replaces the stored secret
      if (key === '') return close();
      const ref = existing.keyRef ?? `${existing.id}-key`;
      client['secrets.set']({ ref, value: key }).then(close, fail);
      return;
    }
    const r = validate();
    if (!r.success) return;
    client['destination.add']({ ...r.data, ...(key !== '' ? { key } : {}) }).then(close, fail);
  };

  return (
    <Modal title={existing ? `Destination: ${existing.name}` : 'Add a destination'} onClose={close} wide>
      <form
        className="editor"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field label="Name" error={errors.name}>
          <input
            value={name}
            disabled={existing !== undefined}
            onChange={(e) => {
              setName(e.target.value);
              if (Object.keys(errors).length > 0) validate(e.target.value);
            }}
            placeholder="YouTube"
          />
        </Field>
        <Field
          label="URL"
          error={errors.url}
          hint="rtmp://host/app, rtmps://…, srt://host:port?mode=caller&latency=200, icecast://source@host:8000/live.mkv"
        >
          <input
            value={url}
            aria-label="Destination URL"
            disabled={existing !== undefined}
            onChange={(e) => {
              setUrl(e.target.value);
              if (Object.keys(errors).length > 0) validate(name, e.target.value);
            }}
            onBlur={() => url !== '' && existing === undefined && validate()}
          />
        </Field>
        <Field
          label={existing ? 'New stream key or passphrase' : 'Stream key or passphrase'}
          hint={
            masked !== undefined ? `stored: ${masked}` : 'kept in the secrets store, never in the show file'
          }
        >
          <KeyInput value={key} onChange={setKey} label="Stream key" />
        </Field>
        <Field
          label="Ingest stats URL (optional)"
          error={errors.statsUrl}
          hint="nginx-rtmp /stat or Icecast /status-json.xsl"
        >
          <input
            value={statsUrl}
            disabled={existing !== undefined}
            onChange={(e) => {
              setStatsUrl(e.target.value);
              if (Object.keys(errors).length > 0) validate(name, url, e.target.value);
            }}
          />
        </Field>
        <EditorFooter
          serverError={serverError}
          onRemove={
            existing ? () => act(client['destination.remove']({ id: existing.id }), close) : undefined
          }
          onCancel={close}
        />
      </form>
    </Modal>
  );
}
