import { useEffect, useRef } from 'react';
import { drawI420, onPreview } from './previews.js';

/** A live preview canvas for a source (kind "source", its id) or the program (kind "program"). */
export function Preview({ kind, id, label }: { kind: 'source' | 'program'; id: string; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(
    () =>
      onPreview(`${kind}:${id}`, (frame) => {
        if (ref.current) drawI420(ref.current, frame);
      }),
    [kind, id],
  );
  return (
    <canvas
      ref={ref}
      className="preview"
      aria-label={label}
      data-testid={`preview-${kind}-${id}`}
      width={320}
      height={180}
    />
  );
}
