// The preview monitor (studio mode): the preview scene drawn here from the sources' preview pictures with
// the same layout geometry the core composes with (electron/shared/layout.ts), so what is shown here is
// what TAKE puts on program. Redrawn at most once per animation frame, when a source picture arrives.
import { useEffect, useRef } from 'react';
import { layoutSlots } from '../../electron/shared/layout.js';
import type { CustomLayout, ProgramScene } from '../../electron/shared/show.js';
import { latestPreview, onPreview, previewKey } from './previews.js';

const W = 640;
const H = 360;

export function SceneMonitor({
  scene,
  layouts,
  label,
  testId,
}: {
  scene: ProgramScene;
  layouts: readonly CustomLayout[];
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let pending = 0;
    const draw = (): void => {
      pending = 0;
      const ctx = ref.current?.getContext('2d');
      if (!ctx) return;
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, W, H);
      for (const slot of layoutSlots(scene, { width: W, height: H }, layouts)) {
        const pic = latestPreview(previewKey('source', slot.source));
        const r = slot.rect;
        if (pic) ctx.drawImage(pic, r.x, r.y, r.w, r.h);
        else {
          ctx.fillStyle = '#222';
          ctx.fillRect(r.x, r.y, r.w, r.h);
        }
        if (slot.border > 0) {
          ctx.strokeStyle = '#fff';
          ctx.lineWidth = 2;
          ctx.strokeRect(r.x + 1, r.y + 1, r.w - 2, r.h - 2);
        }
      }
    };
    const schedule = (): void => {
      if (pending === 0) pending = requestAnimationFrame(draw);
    };
    draw();
    const offs = [...new Set(scene.sources)].map((id) => onPreview(previewKey('source', id), schedule));
    return () => {
      for (const off of offs) off();
      if (pending !== 0) cancelAnimationFrame(pending);
    };
  }, [scene, layouts]);
  return (
    <canvas ref={ref} className="monitor" width={W} height={H} aria-label={label} data-testid={testId} />
  );
}
