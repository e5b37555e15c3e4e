// A modal dialog: focus moves in, Escape or the backdrop closes it, Tab stays inside.
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

export function Modal({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The parent re-renders at every state patch (about once a second) with a new onClose: the handlers
  // read the latest through a ref, and focus moves in once, when the dialog opens. (Moving it at every
  // render sent what the operator was typing into the first field.)
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[data-autofocus], input, select, button')?.focus();
  }, []);
  useEffect(() => {
    const el = ref.current;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close.current();
      }
      if (e.key === 'Tab' && el) {
        const items = [
          ...el.querySelectorAll<HTMLElement>('input, select, button, textarea, [tabindex]'),
        ].filter((x) => !x.hasAttribute('disabled'));
        const a = items[0];
        const z = items[items.length - 1];
        if (!a || !z) return;
        if (e.shiftKey && document.activeElement === a) {
          e.preventDefault();
          z.focus();
        } else if (!e.shiftKey && document.activeElement === z) {
          e.preventDefault();
          a.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && close.current()}>
      <div
        ref={ref}
        className={`dialog ${wide ? 'wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
