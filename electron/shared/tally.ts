// Tally: per source, is it on program (on air), on preview, or neither. Derived from the program scene,
// the preview scene and the break slate; shared by the core (state, OSC feedback, webhook) and the UI.
import { z } from 'zod';
import { layoutSlots } from './layout.js';
import type { CustomLayout, ProgramScene } from './show.js';

export const TallySchema = z.enum(['program', 'preview', 'off']);
export type Tally = z.infer<typeof TallySchema>;

// Geometry does not matter here, only which sources get a slot; any frame size gives the same answer.
const FRAME = { width: 1920, height: 1080 };

/** The sources a scene draws (a custom layout draws only the sources it has rectangles for). */
export function sceneSources(scene: ProgramScene, custom: readonly CustomLayout[]): Set<string> {
  return new Set(layoutSlots(scene, FRAME, custom).map((s) => s.source));
}

export interface TallyInput {
  sources: readonly string[];
  program: ProgramScene;
  preview: ProgramScene;
  /** The break slate covers the program: no source is on air while it is up. */
  blank: boolean;
  layouts: readonly CustomLayout[];
}

/** Program wins over preview; a source under the break slate is not on air (it is still on preview). */
export function computeTally(input: TallyInput): Record<string, Tally> {
  const onProgram = input.blank ? new Set<string>() : sceneSources(input.program, input.layouts);
  const onPreview = sceneSources(input.preview, input.layouts);
  const out: Record<string, Tally> = {};
  for (const id of input.sources)
    out[id] = onProgram.has(id) ? 'program' : onPreview.has(id) ? 'preview' : 'off';
  return out;
}
