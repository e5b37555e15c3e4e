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
