// Screen capture on each platform, chosen by a parameter so all three are testable anywhere.
import { describe, expect, it } from 'vitest';
import { avfoundationScreenName, inputArgs, sourceArgs } from '../../../electron/core/sources/args.js';
import { SourceSchema, type Source } from '../../../electron/shared/show.js';
import { SILENCE } from './expected.js';

const P = { width: 1920, height: 1080, fps: 30000 / 1001 };
const screen = (display?: string): Source =>
  SourceSchema.parse({
    id: 'scr',
    name: 'Screen',
    kind: 'screen',
    ...(display === undefined ? {} : { display }),
  });

describe('screen source', () => {
  it('Linux: x11grab of the display, at the program rate', () => {
    expect(inputArgs(screen(':99.0'), P, { platform: 'linux' })).toEqual([
      '-f',
      'x11grab',
      '-thread_queue_size',
      '32',
      '-draw_mouse',
      '1',
      '-framerate',
      '30000/1001',
      '-i',
      ':99.0',
      ...SILENCE,
    ]);
  });

  it('Linux: an optional capture size and a display offset', () => {
    expect(
      inputArgs(screen(':0.0+1920,0'), P, {
        platform: 'linux',
        screenSize: { width: 1920, height: 1080 },
      }).slice(0, 12),
    ).toEqual([
      '-f',
      'x11grab',
      '-thread_queue_size',
      '32',
      '-draw_mouse',
      '1',
      '-framerate',
      '30000/1001',
      '-video_size',
      '1920x1080',
      '-i',
      ':0.0+1920,0',
    ]);
  });

  it('Windows: gdigrab of the desktop (the X-style default means the desktop), or a window', () => {
    expect(inputArgs(screen(), P, { platform: 'win32' }).slice(0, 10)).toEqual([
      '-f',
      'gdigrab',
      '-thread_queue_size',
      '32',
      '-draw_mouse',
      '1',
      '-framerate',
      '30000/1001',
      '-i',
      'desktop',
    ]);
    expect(inputArgs(screen('title=Slides – PowerPoint'), P, { platform: 'win32' })[9]).toBe(
      'title=Slides – PowerPoint',
    );
  });

  it('macOS: avfoundation "Capture screen N", video only', () => {
    expect(inputArgs(screen('1'), P, { platform: 'darwin' })).toEqual([
      '-f',
      'avfoundation',
      '-thread_queue_size',
      '32',
      '-capture_cursor',
      '1',
      '-pixel_format',
      'uyvy422',
      '-framerate',
      '30000/1001',
      '-i',
      'Capture screen 1',
      ...SILENCE,
    ]);
    expect(avfoundationScreenName(':0.0')).toBe('Capture screen 0');
    expect(avfoundationScreenName('Capture screen 2')).toBe('Capture screen 2');
  });

  it('maps the screen and the silence into the graph', () => {
    const args = sourceArgs(screen(':1'), P, { platform: 'linux' });
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    expect(graph.startsWith('[0:v:0]scale=1920:1080:')).toBe(true);
    expect(graph).toContain(',fps=30000/1001[v];[1:a:0]aresample=async=1000:first_pts=0,');
  });
});
