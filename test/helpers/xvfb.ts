// A private X server (Xvfb) on a free display for the screen-capture tests, and a way to put a coloured
// window on it without X client tools: ffmpeg's SDL output opens a borderless window at a given place.
// Every process started here is tracked and killed in afterAll (and at exit as a last resort).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

const run = promisify(execFile);
const children = new Set<ChildProcess>();

process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface XServer {
  /** ":93" */
  display: string;
  pid: number;
  stop: () => Promise<void>;
}

export async function hasXvfb(): Promise<boolean> {
  try {
    await run('sh', ['-c', 'command -v Xvfb']);
    return true;
  } catch {
    return false;
  }
}

async function stopProcess(child: ChildProcess, killMs = 2000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), killMs);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Xvfb on the first free display from :90 (a display is taken when its lock file or socket
 * exists; a lost race shows as an early exit and the next one is tried). `white` paints the root
 * window white (-wr), so a capture has something recognisable even without a client.
 */
export async function startXvfb(
  opts: { width?: number; height?: number; white?: boolean } = {},
): Promise<XServer> {
  const screen = `${opts.width ?? 1280}x${opts.height ?? 720}x24`;
  for (let n = 90; n < 140; n++) {
    if (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) continue;
    const args = [`:${n}`, '-screen', '0', screen, '-nolisten', 'tcp', ...(opts.white ? ['-wr'] : [])];
    const child = track(spawn('Xvfb', args, { stdio: 'ignore' }));
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) {
      if (existsSync(`/tmp/.X11-unix/X${n}`)) {
        await sleep(200); // the socket appears just before the server accepts clients
        return { display: `:${n}`, pid: child.pid ?? -1, stop: () => stopProcess(child) };
      }
      await sleep(100);
    }
    await stopProcess(child);
  }
  throw new Error('no free X display between :90 and :139');
}

/** A borderless window of one colour at (x, y) for `seconds`, drawn by ffmpeg's SDL output. */
export function showColourWindow(
  display: string,
  opts: { colour: string; width: number; height: number; x: number; y: number; seconds: number },
): ChildProcess {
  return track(
    spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-re',
        '-f',
        'lavfi',
        '-i',
        `color=c=${opts.colour}:s=${opts.width}x${opts.height}:r=10`,
        '-t',
        String(opts.seconds),
        '-pix_fmt',
        'yuv420p',
        '-f',
        'sdl2',
        '-window_x',
        String(opts.x),
        '-window_y',
        String(opts.y),
        '-window_borderless',
        '1',
        'regie-test',
      ],
      { env: { ...process.env, DISPLAY: display, SDL_AUDIODRIVER: 'dummy' }, stdio: 'ignore' },
    ),
  );
}

export async function stopAllX(): Promise<void> {
  await Promise.all([...children].map((c) => stopProcess(c)));
}
afterAll(stopAllX);
