// An audio meter on a canvas, redrawn at the display rate with requestAnimationFrame from the newest
// telemetry (no React re-render per frame, nothing in the layout moves). Peak bar + RMS bar, peak hold
// (1.5 s, then falls at 20 dB/s), scale -60…0 dBFS with colour zones: green below -18, yellow to -6, red.
// The accessible value (aria-valuenow, the peak in dBFS) is refreshed 4 times per second.
import { useEffect, useRef } from 'react';
import type { LevelReading } from './telemetry.js';
import { meterFraction, PeakHold } from './meter-math.js';

export function Meter({
  read,
  label,
  testId,
  orientation = 'vertical',
  width,
  height,
}: {
  read: () => LevelReading;
  label: string;
  testId: string;
  orientation?: 'vertical' | 'horizontal';
  width: number;
  height: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const readRef = useRef(read);
  readRef.current = read;
  useEffect(() => {
    const hold = new PeakHold();
    let raf = 0;
    let lastAria = 0;
    const frame = (now: number): void => {
      raf = requestAnimationFrame(frame);
      const c = ref.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return;
      const { peakDb, rmsDb } = readRef.current();
      const held = hold.update(peakDb, now);
      drawMeter(ctx, c.width, c.height, orientation, peakDb, rmsDb, held);
      if (now - lastAria > 250) {
        lastAria = now;
        c.setAttribute('aria-valuenow', Number.isFinite(peakDb) ? peakDb.toFixed(1) : '-144');
        c.setAttribute('aria-valuetext', `peak ${peakDb.toFixed(1)} dBFS, RMS ${rmsDb.toFixed(1)} dBFS`);
      }
    };
    raf = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(raf);
  }, [orientation]);
  return (
    <canvas
      ref={ref}
      role="meter"
      aria-label={label}
      aria-valuemin={-60}
      aria-valuemax={0}
      data-testid={testId}
      className={`meter ${orientation}`}
      width={width}
      height={height}
    />
  );
}

const ZONES: [number, string][] = [
  [-18, '#2e9d4f'],
  [-6, '#d8b511'],
  [0, '#d93025'],
];

function drawMeter(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  orientation: 'vertical' | 'horizontal',
  peakDb: number,
  rmsDb: number,
  heldDb: number,
): void {
  ctx.fillStyle = '#0b0c0e';
  ctx.fillRect(0, 0, w, h);
  const vertical = orientation === 'vertical';
  const len = vertical ? h : w;
  const thick = vertical ? w : h;
  // the bar from 0 to fraction f of the length, in the colour zones, over the cross range [a, b)
  const bar = (f: number, a: number, b: number, alpha: number): void => {
    let from = 0;
    ctx.globalAlpha = alpha;
    for (const [limit, colour] of ZONES) {
      const to = Math.min(f, meterFraction(limit));
      if (to > from) {
        ctx.fillStyle = colour;
        if (vertical) ctx.fillRect(a, len * (1 - to), b - a, len * (to - from));
        else ctx.fillRect(len * from, a, len * (to - from), b - a);
      }
      from = Math.max(from, meterFraction(limit));
    }
    ctx.globalAlpha = 1;
  };
  const half = Math.floor(thick / 2);
  bar(meterFraction(peakDb), 0, half, 1);
  bar(meterFraction(rmsDb), half, thick, 0.75);
  // scale ticks every 6 dB
  ctx.fillStyle = 'rgba(255,255,255,0.25)';
  for (let d = -54; d < 0; d += 6) {
    const p = len * meterFraction(d);
    if (vertical) ctx.fillRect(0, len - p, w, 1);
    else ctx.fillRect(p, 0, 1, h);
  }
  // peak hold line
  const hp = meterFraction(heldDb);
  if (hp > 0) {
    ctx.fillStyle = heldDb > -6 ? '#ff6b5e' : '#ffffff';
    if (vertical) ctx.fillRect(0, Math.max(0, len * (1 - hp) - 1), w, 2);
    else ctx.fillRect(Math.min(len - 2, len * hp - 1), 0, 2, h);
  }
}
