import { useEffect, useRef } from 'react';
import { latestPreview, onPreview, previewKey } from './previews.js';

/** A live preview canvas for a source (kind "source", its id) or the program (kind "program"). */
export function Preview({
  kind,
  id,
  label,
  width = 320,
}: {
  kind: 'source' | 'program';
  id: string;
  label: string;
  width?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const key = previewKey(kind, id);
    const draw = (): void => {
      const src = latestPreview(key);
      const c = ref.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx || !src) return;
      if (c.width !== src.width || c.height !== src.height) {
        c.width = src.width;
        c.height = src.height;
      }
      ctx.drawImage(src, 0, 0);
    };
    draw();
    return onPreview(key, draw);
  }, [kind, id]);
  return (
    <canvas
      ref={ref}
      className="preview"
      aria-label={label}
      data-testid={`preview-${kind}-${id}`}
      width={width}
      height={Math.round((width * 9) / 16)}
    />
  );
}
