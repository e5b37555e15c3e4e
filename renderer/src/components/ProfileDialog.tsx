// Event profiles in one click: pick SSTIC, CCC, FAImaison or Radio France, give the server and the key, and
// the core sets the encoder, the renditions and the destinations for that chain (profile.apply). The form
// is checked with the core's own schema; the core's refusal (live, recording, unknown source) shows inline.
import { useState } from 'react';
import { ProfileArgsSchema } from '../../../electron/shared/methods-outputs.js';
import type { CoreState } from '../../../electron/shared/state.js';
import { useClient } from '../hooks.js';
import { useConsole } from '../store.js';
import { KeyInput } from './DestinationEditor.js';
import { EditorFooter, Field } from './Field.js';
import type { FieldErrors } from './form.js';
import { fieldErrors } from './form.js';
import { Modal } from './Modal.js';

type ProfileName = 'sstic' | 'ccc' | 'faimaison' | 'radiofrance';

const PROFILES: Record<ProfileName, { label: string; about: string; url: string; key: string }> = {
  sstic: {
    label: 'SSTIC',
    about: 'Slides + camera picture-in-picture to nginx-rtmp, H.264 main CBR 4 Mbit/s + AAC.',
    url: 'rtmp://ingest/live',
    key: 'Stream key',
  },
  ccc: {
    label: 'CCC / voctomix master',
    about:
      'Matroska to one Icecast mount: the program in 1080p25, the slides as a second video track at 5 fps, ' +
      'three audio tracks (native, translated, translated-2).',
    url: 'icecast://source@relay:8000/s1',
    key: 'Source password',
  },
  faimaison: {
    label: 'FAImaison',
    about: 'Icecast WebM (VP8 + Opus, 360p, under 512 kbit/s) and an audio-only Ogg Vorbis mount.',
    url: 'icecast://source@host:8000',
    key: 'Source password',
  },
  radiofrance: {
    label: 'Radio France',
    about: 'SRT callers to a main and a backup listener.',
    url: 'srt://main:9000?mode=caller',
    key: 'SRT passphrase',
  },
};

export function ProfileDialog({ state }: { state: CoreState }) {
  const client = useClient();
  const close = () => useConsole.getState().openDialog(null);
  const [profile, setProfile] = useState<ProfileName>('sstic');
  const [url, setUrl] = useState('');
  const [backupUrl, setBackupUrl] = useState('');
  const [key, setKey] = useState('');
  const [statsUrl, setStatsUrl] = useState('');
  const [slides, setSlides] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const info = PROFILES[profile];

  const args = () => {
    const optional = {
      ...(key !== '' ? { key } : {}),
      ...(statsUrl !== '' && profile !== 'radiofrance' ? { statsUrl } : {}),
    };
    if (profile === 'radiofrance') return { profile, mainUrl: url, backupUrl, ...optional };
    if (profile === 'ccc') return { profile, url, ...optional, ...(slides !== '' ? { slides } : {}) };
    return { profile, url, ...optional };
  };

  const apply = () => {
    const r = ProfileArgsSchema.safeParse(args());
    if (!r.success) {
      const e = fieldErrors(r.error);
      // the main URL field shows mainUrl's message too
      setErrors(e.mainUrl !== undefined ? { ...e, url: e.mainUrl } : e);
      return;
    }
    setErrors({});
    setServerError(null);
    client['profile.apply'](r.data).then(
      (res) => setApplied(`${info.label}: ${res.destinations.join(', ') || 'no destination'} ready`),
      (err: unknown) => setServerError(err instanceof Error ? err.message : String(err)),
    );
  };

  return (
    <Modal title="Event profile" onClose={close} wide>
      <form
        className="editor"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (applied !== null) close();
          else apply();
        }}
      >
        <Field label="Profile" hint={info.about}>
          <select
            aria-label="Profile"
            value={profile}
            onChange={(e) => {
              setProfile(e.target.value as ProfileName);
              setErrors({});
              setApplied(null);
            }}
          >
            {(Object.keys(PROFILES) as ProfileName[]).map((p) => (
              <option key={p} value={p}>
                {PROFILES[p].label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={profile === 'radiofrance' ? 'Main listener' : 'Server URL'} error={errors.url}>
          <input
            aria-label="Profile URL"
            value={url}
            placeholder={info.url}
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
          />
        </Field>
        {profile === 'radiofrance' ? (
          <Field label="Backup listener" error={errors.backupUrl}>
            <input
              aria-label="Backup URL"
              value={backupUrl}
              placeholder="srt://backup:9000?mode=caller"
              spellCheck={false}
              onChange={(e) => setBackupUrl(e.target.value)}
            />
          </Field>
        ) : null}
        <Field label={info.key} hint="kept in the secrets store, never in the show file">
          <KeyInput value={key} onChange={setKey} label={info.key} />
        </Field>
        {profile === 'ccc' ? (
          <Field label="Slides source" error={errors.slides} hint="the second video track">
            <select aria-label="Slides source" value={slides} onChange={(e) => setSlides(e.target.value)}>
              <option value="">Automatic (a source called slides)</option>
              {state.show.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {profile !== 'radiofrance' ? (
          <Field
            label="Ingest stats URL (optional)"
            error={errors.statsUrl}
            hint="nginx-rtmp /stat or Icecast /status-json.xsl"
          >
            <input value={statsUrl} spellCheck={false} onChange={(e) => setStatsUrl(e.target.value)} />
          </Field>
        ) : null}
        <p className="hint">
          Replaces the destinations and renditions; refused while live. Sources and layouts stay as they are.
        </p>
        {applied !== null ? (
          <p className="applied" role="status">
            {applied}
          </p>
        ) : null}
        <EditorFooter
          serverError={serverError}
          onCancel={close}
          submit={applied !== null ? 'Done' : 'Apply'}
        />
      </form>
    </Modal>
  );
}
