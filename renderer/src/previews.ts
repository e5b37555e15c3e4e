// Previews from the core's binary frames. Each frame is converted once (I420 → RGBA, BT.709 limited range)
// into an offscreen canvas per source/program; the visible canvases (multiview tiles, monitors, the
// client-side preview scene) copy from there with drawImage, so a frame shown in three places costs one
// conversion. At 320–640 px and 10–15 fps this is a few ms per second of main-thread time.
import { decodePreview } from '../../electron/shared/preview.js';
import type { PreviewFrame } from '../../electron/shared/preview.js';

type Listener = () => void;
const listeners = new Map<string, Set<Listener>>();
const latest = new Map<string, { canvas: HTMLCanvasElement; at: number }>();

export const previewKey = (kind: 'source' | 'program', id: string): string => `${kind}:${id}`;

export function onPreview(key: string, listener: Listener): () => void {
  let set = listeners.get(key);
  if (!set) {
    set = new Set();
    listeners.set(key, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** The newest picture of a source or the program, or null when none arrived recently. */
export function latestPreview(key: string, maxAgeMs = 2000): HTMLCanvasElement | null {
  const l = latest.get(key);
  return l !== undefined && performance.now() - l.at <= maxAgeMs ? l.canvas : null;
}

export function dispatchPreview(data: ArrayBuffer): void {
  const frame = decodePreview(data);
  if (!frame) return;
  const key = previewKey(frame.kind, frame.id);
  let entry = latest.get(key);
  if (!entry) {
    entry = { canvas: document.createElement('canvas'), at: 0 };
    latest.set(key, entry);
  }
  drawI420(entry.canvas, frame);
  entry.at = performance.now();
  for (const l of listeners.get(key) ?? []) l();
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);

export function drawI420(canvas: HTMLCanvasElement, f: PreviewFrame): void {
  if (canvas.width !== f.width || canvas.height !== f.height) {
    canvas.width = f.width;
    canvas.height = f.height;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(f.width, f.height);
  const out = img.data;
  const { width: w, height: h, data } = f;
  const cw = w / 2;
  const uBase = w * h;
  const vBase = uBase + (w * h) / 4;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = (y >> 1) * cw + (x >> 1);
      const Y = 1.164 * ((data[y * w + x] ?? 16) - 16);
      const U = (data[uBase + c] ?? 128) - 128;
      const V = (data[vBase + c] ?? 128) - 128;
      const o = (y * w + x) * 4;
      out[o] = clamp(Y + 1.793 * V);
      out[o + 1] = clamp(Y - 0.213 * U - 0.533 * V);
      out[o + 2] = clamp(Y + 2.112 * U);
      out[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}
