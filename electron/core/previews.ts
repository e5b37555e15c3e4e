// Previews for the console: every source and the program, scaled down by the native compositor (area
// filter) to about 320 px wide at about 12 fps, sent as binary WebSocket frames. Nothing is scaled while
// no client is connected.
import type { I420Frame } from '../../native/index.js';
import { scale } from '../../native/index.js';
import type { PreviewKind } from '../shared/preview.js';
import { encodePreviewHeader, previewHeaderSize } from '../shared/preview.js';

export interface PreviewDeps {
  /** The program format now (it can change while the core runs). */
  format: () => { fps: number; width: number; height: number };
  wanted: () => boolean;
  send: (frame: Buffer) => void;
  sources: () => { id: string; frame: I420Frame | null }[];
  /** Width of the source previews (default 320); the program preview is twice as wide (640). */
  previewWidth?: number;
  previewFps?: number;
}

export class PreviewService {
  private n = 0;

  constructor(private readonly deps: PreviewDeps) {}

  /** Called with each program frame (synchronously, while the frame is valid). */
  onProgramFrame(frame: I420Frame): void {
    this.n += 1;
    const f = this.deps.format();
    const every = Math.max(1, Math.round(f.fps / (this.deps.previewFps ?? 12)));
    if (this.n % every !== 0 || !this.deps.wanted()) return;
    const small = Math.round((this.deps.previewWidth ?? 320) / 2) * 2;
    this.emit('program', 'program', frame, Math.min(small * 2, frame.width));
    for (const s of this.deps.sources())
      if (s.frame !== null) this.emit('source', s.id, s.frame, Math.min(small, s.frame.width));
  }

  private emit(kind: PreviewKind, id: string, src: I420Frame, width: number): void {
    const w = Math.max(2, Math.round(width / 2) * 2);
    const h = Math.max(2, Math.round((w * src.height) / src.width / 2) * 2);
    const header = previewHeaderSize(id);
    const out = Buffer.allocUnsafe(header + (w * h * 3) / 2);
    encodePreviewHeader(kind, id, w, h, out);
    const dst: I420Frame = { width: w, height: h, data: out.subarray(header) };
    scale(dst, { x: 0, y: 0, w, h }, src);
    this.deps.send(out);
  }
}
