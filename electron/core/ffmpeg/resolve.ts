// Which ffmpeg to run, in this order: REGIE_FFMPEG / REGIE_FFPROBE, then the settings, then ffmpeg-static
// when its binary exists, then ffmpeg on PATH. No ffmpeg at all is a clear error that says how to get one.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export type FfmpegOrigin = 'env' | 'settings' | 'ffmpeg-static' | 'path';

export interface ResolvedFfmpeg {
  ffmpeg: string;
  ffprobe: string | null;
  origin: FfmpegOrigin;
}

export interface ResolveInput {
  env: NodeJS.ProcessEnv;
  settings?: { ffmpegPath?: string | undefined; ffprobePath?: string | undefined };
  /** Path exported by the ffmpeg-static package, or null when it is not installed. */
  staticPath?: string | null;
}

export class FfmpegNotFoundError extends Error {
  constructor(detail: string) {
    super(
      `No usable ffmpeg was found (${detail}). Install one: on Debian/Ubuntu "sudo apt-get install -y ffmpeg", ` +
        `on macOS "brew install ffmpeg", on Windows "winget install ffmpeg"; or point REGIE_FFMPEG (and REGIE_FFPROBE) ` +
        `or the ffmpegPath setting at an ffmpeg binary.`,
    );
    this.name = 'FfmpegNotFoundError';
  }
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/** ffprobe sits next to ffmpeg in every distribution we know; fall back to PATH. */
function siblingProbe(ffmpeg: string, env: NodeJS.ProcessEnv): string | null {
  const ext = process.platform === 'win32' ? '.exe' : '';
  const sibling = join(dirname(ffmpeg), `ffprobe${ext}`);
  return isExecutable(sibling) ? sibling : findOnPath('ffprobe', env);
}

export function ffmpegStaticPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const exported: unknown = require('ffmpeg-static');
    return typeof exported === 'string' && existsSync(exported) ? exported : null;
  } catch {
    return null;
  }
}

export function resolveFfmpeg(input: ResolveInput): ResolvedFfmpeg {
  const { env, settings } = input;
  const explicit = env.REGIE_FFMPEG;
  if (explicit !== undefined && explicit !== '') {
    if (!isExecutable(explicit))
      throw new FfmpegNotFoundError(`REGIE_FFMPEG=${explicit} is not an executable file`);
    const probe =
      env.REGIE_FFPROBE !== undefined && env.REGIE_FFPROBE !== ''
        ? env.REGIE_FFPROBE
        : siblingProbe(explicit, env);
    return { ffmpeg: explicit, ffprobe: probe, origin: 'env' };
  }
  if (settings?.ffmpegPath !== undefined && settings.ffmpegPath !== '') {
    if (!isExecutable(settings.ffmpegPath)) {
      throw new FfmpegNotFoundError(
        `the ffmpegPath setting (${settings.ffmpegPath}) is not an executable file`,
      );
    }
    return {
      ffmpeg: settings.ffmpegPath,
      ffprobe: settings.ffprobePath ?? siblingProbe(settings.ffmpegPath, env),
      origin: 'settings',
    };
  }
  const staticPath = input.staticPath === undefined ? ffmpegStaticPath() : input.staticPath;
  if (staticPath !== null && isExecutable(staticPath)) {
    return {
      ffmpeg: staticPath,
      ffprobe: env.REGIE_FFPROBE ?? siblingProbe(staticPath, env),
      origin: 'ffmpeg-static',
    };
  }
  const onPath = findOnPath('ffmpeg', env);
  if (onPath !== null)
    return { ffmpeg: onPath, ffprobe: env.REGIE_FFPROBE ?? siblingProbe(onPath, env), origin: 'path' };
  throw new FfmpegNotFoundError('not in REGIE_FFMPEG, the settings, ffmpeg-static, or PATH');
}
