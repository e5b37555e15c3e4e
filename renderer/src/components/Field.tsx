import type { ReactNode } from 'react';

/** A labelled form field with its inline validation message. */
export function Field({
  label,
  error,
  children,
  hint,
}: {
  label: string;
  error?: string | undefined;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <label className={`field ${error !== undefined ? 'invalid' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint !== undefined && error === undefined ? <span className="hint">{hint}</span> : null}
      {error !== undefined ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

/** The end of an editor form: the server's refusal, Remove (existing things only), Cancel, Save / Add. */
export function EditorFooter({
  serverError,
  onRemove,
  onCancel,
  submit,
}: {
  serverError: string | null;
  /** Absent for something new. */
  onRemove?: (() => void) | undefined;
  onCancel: () => void;
  /** The submit button's words (default: Save for an existing thing, else Add). */
  submit?: string;
}) {
  return (
    <>
      {serverError !== null ? (
        <p className="field-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <div className="dialog-buttons">
        {onRemove !== undefined ? (
          <button type="button" className="danger" onClick={onRemove}>
            Remove
          </button>
        ) : null}
        <span className="spacer" />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary">
          {submit ?? (onRemove !== undefined ? 'Save' : 'Add')}
        </button>
      </div>
    </>
  );
}
