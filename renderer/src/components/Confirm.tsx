// Confirmations for the actions that cannot be taken back: going live, ending the stream, stopping the
// recording. GO LIVE shows the preflight report first (when the core offers stream.preflight) and the
// destinations that will start.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { PreflightSchema } from '../../../electron/shared/methods-outputs.js';
import type { CoreState } from '../../../electron/shared/state.js';
import { act, useClient } from '../hooks.js';
import { useConsole } from '../store.js';
import { Modal } from './Modal.js';

// Only the part the dialog shows: the checks in words, as the core's stream.preflight result gives them.
const ReportSchema = z.object({ checks: PreflightSchema.shape.checks });
type PreflightCheck = z.infer<typeof ReportSchema>['checks'][number];

/** The checks of a stream.preflight result (untrusted JSON from the core); throws on another shape. */
export function preflightChecks(report: unknown): PreflightCheck[] {
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success) throw new Error('the core sent a preflight report this console cannot read');
  return parsed.data.checks;
}

export function GoLiveDialog({ state }: { state: CoreState }) {
  const client = useClient();
  const close = () => useConsole.getState().openDialog(null);
  const [checks, setChecks] = useState<PreflightCheck[] | null>(null);
  const [preflightError, setPreflightError] = useState<string | null>(null);
  const hasPreflight = state.show.destinations.length > 0;
  useEffect(() => {
    if (!hasPreflight) return;
    const failed = (err: unknown) => setPreflightError(err instanceof Error ? err.message : String(err));
    client['stream.preflight']({}).then((report: unknown) => {
      try {
        setChecks(preflightChecks(report));
      } catch (err) {
        failed(err);
      }
    }, failed);
  }, [client, hasPreflight]);
  const enabled = state.show.destinations.filter((d) => d.enabled);
  const failed = checks?.filter((c) => !c.ok) ?? [];
  return (
    <Modal title="Go live?" onClose={close} wide>
      {enabled.length === 0 ? (
        <p className="warn">No enabled destination: add one first (Upstream health → Add destination).</p>
      ) : (
        <>
          <p>These destinations start streaming the program:</p>
          <ul className="dest-list">
            {enabled.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong> <span className="muted">{d.url}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <section aria-label="Preflight" className="preflight" data-testid="preflight">
        <h3>Preflight</h3>
        {checks === null && preflightError === null && hasPreflight ? (
          <p className="muted">checking…</p>
        ) : null}
        {preflightError !== null ? <p className="muted">Preflight unavailable: {preflightError}</p> : null}
        {checks !== null ? (
          <ul>
            {checks.map((c, i) => (
              <li key={i} className={c.ok ? 'good' : 'bad'}>
                {c.ok ? '✔' : '✖'} {c.name}{' '}
                {c.detail !== '' ? <span className="muted">— {c.detail}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {failed.length > 0 ? (
          <p className="bad">{failed.length} check(s) failed: you can still go live.</p>
        ) : null}
      </section>
      <div className="dialog-buttons">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger big"
          disabled={enabled.length === 0}
          onClick={() => act(client['stream.start'](), close)}
        >
          GO LIVE
        </button>
      </div>
    </Modal>
  );
}

export function ConfirmDialog({
  title,
  text,
  confirm,
  onConfirm,
}: {
  title: string;
  text: string;
  confirm: string;
  onConfirm: () => Promise<unknown>;
}) {
  const close = () => useConsole.getState().openDialog(null);
  return (
    <Modal title={title} onClose={close}>
      <p>{text}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={close} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => act(onConfirm(), close)}>
          {confirm}
        </button>
      </div>
    </Modal>
  );
}
