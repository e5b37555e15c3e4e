// The built-in demo show: two test sources in picture-in-picture at 1280x720@30, no destination.
import type { Show } from '../../shared/show.js';
import { ShowSchema } from '../../shared/show.js';

export function demoShow(): Show {
  return ShowSchema.parse({
    version: 1,
    name: 'Régie demo',
    program: { width: 1280, height: 720, fps: 30 },
    sources: [
      { id: 'slides', name: 'Slides', kind: 'test', pattern: 'bars', toneHz: 440, toneDbfs: -20 },
      { id: 'camera', name: 'Camera', kind: 'test', pattern: 'motion', toneHz: 1000, toneDbfs: -30 },
    ],
    scene: { layout: 'pip', sources: ['slides', 'camera'], corner: 'br', size: 0.25 },
  });
}
