// Slates (break, closed, no signal): full frames rendered once by ffmpeg (drawtext) from the templates in
// resources/slates.json, kept as I420 frames and reused. Rendering happens off the clock's path.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { I420Frame } from '../../../native/index.js';
import { appRoot } from '../paths.js';

const TemplateSchema = z.object({
  title: z.string(),
  subtitle: z.string(),
  background: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  text: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
const TemplatesSchema = z.object({ break: TemplateSchema, closed: TemplateSchema, noSignal: TemplateSchema });
export type SlateKind = keyof z.infer<typeof TemplatesSchema>;

let templates: z.infer<typeof TemplatesSchema> | null = null;
function loadTemplates(): z.infer<typeof TemplatesSchema> {
  templates ??= TemplatesSchema.parse(
    JSON.parse(readFileSync(join(appRoot(), 'resources', 'slates.json'), 'utf8')),
  );
  return templates;
}

/**
 * The slate's ffmpeg arguments. The texts are read by drawtext from files (`textfile`, no expansion), so
 * names with quotes, colons, percent signs or backslashes need no filter-graph escaping at all.
 * `dir` must be a path without special characters (a mkdtemp directory).
 */
export function slateArgs(kind: SlateKind, dir: string, width: number, height: number): string[] {
  const t = loadTemplates()[kind];
  const big = Math.round(height / 11);
  const small = Math.round(height / 22);
  const color = (hex: string): string => hex.replace('#', '0x');
  const graph = [
    `color=c=${color(t.background)}:s=${width}x${height}:d=1`,
    `drawtext=textfile=${join(dir, 'title.txt')}:expansion=none:fontcolor=${color(t.text)}:fontsize=${big}:x=(w-tw)/2:y=h/2-th`,
    `drawtext=textfile=${join(dir, 'subtitle.txt')}:expansion=none:fontcolor=${color(t.text)}:fontsize=${small}:x=(w-tw)/2:y=h/2+${small}`,
  ].join(',');
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    graph,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
  ];
}

export function slateTexts(
  kind: SlateKind,
  vars: Record<string, string>,
): { title: string; subtitle: string } {
  const t = loadTemplates()[kind];
  const fill = (s: string): string => s.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
  return { title: fill(t.title), subtitle: fill(t.subtitle) };
}

export function renderSlate(
  ffmpeg: string,
  kind: SlateKind,
  vars: Record<string, string>,
  width: number,
  height: number,
): Promise<I420Frame> {
  const dir = mkdtempSync(join(tmpdir(), 'regie-slate-'));
  const texts = slateTexts(kind, vars);
  writeFileSync(join(dir, 'title.txt'), texts.title);
  writeFileSync(join(dir, 'subtitle.txt'), texts.subtitle === '' ? ' ' : texts.subtitle);
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      slateArgs(kind, dir, width, height),
      { encoding: 'buffer', maxBuffer: width * height * 2, timeout: 15_000 },
      (err, stdout) => {
        rmSync(dir, { recursive: true, force: true });
        if (err) {
          reject(new Error(`rendering the ${kind} slate failed: ${err.message}`));
          return;
        }
        const size = (width * height * 3) / 2;
        if (stdout.length < size) {
          reject(new Error(`the ${kind} slate is ${stdout.length} bytes, expected ${size}`));
          return;
        }
        resolve({ width, height, data: new Uint8Array(stdout.buffer, stdout.byteOffset, size) });
      },
    );
  });
}

/** Caches slates by kind and text; a slate not rendered yet is null (the caller shows black meanwhile). */
export class SlateCache {
  private readonly frames = new Map<string, I420Frame>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly ffmpeg: string,
    private readonly width: number,
    private readonly height: number,
    private readonly onError: (err: Error) => void,
  ) {}

  get(kind: SlateKind, vars: Record<string, string>): I420Frame | null {
    const key = `${kind}|${JSON.stringify(vars)}`;
    const frame = this.frames.get(key);
    if (frame) return frame;
    if (!this.pending.has(key)) {
      this.pending.add(key);
      renderSlate(this.ffmpeg, kind, vars, this.width, this.height).then(
        (f) => {
          this.frames.set(key, f);
          this.pending.delete(key);
        },
        (err: unknown) => {
          this.pending.delete(key);
          this.onError(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }
    return null;
  }
}
