// Paths inside a packaged app. electron-builder packs the app into resources/app.asar and unpacks the
// files that must be real files on disk (asarUnpack in electron-builder.yml) into app.asar.unpacked.
// Electron's fs reads both through the app.asar path, but a program the core spawns (ffmpeg) and a
// folder the system opens (the docs) need the real path.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';

/** The real path of a file that electron-builder unpacked (unchanged outside an asar archive). */
export function unpackedPath(path: string, separator: string = sep): string {
  const packed = `${separator}app.asar${separator}`;
  const i = path.lastIndexOf(packed);
  if (i < 0) return path;
  return `${path.slice(0, i)}${separator}app.asar.unpacked${separator}${path.slice(i + packed.length)}`;
}

/** The path ffmpeg-static exports, or null when it is not installed (an optional dependency). */
export function ffmpegStaticExport(): string | null {
  try {
    const exported: unknown = createRequire(import.meta.url)('ffmpeg-static');
    return typeof exported === 'string' ? exported : null;
  } catch {
    return null;
  }
}

export interface PackagedEnvInput {
  isPackaged: boolean;
  /** app.getAppPath(): …/resources/app.asar when packaged. */
  appPath: string;
  env: NodeJS.ProcessEnv;
  ffmpegStatic: string | null;
  exists?: (path: string) => boolean;
}

/**
 * Environment for the core of a packaged app: the unpacked ffmpeg-static binary as REGIE_FFMPEG (ffmpeg-static
 * exports its path inside app.asar, which nothing can spawn) and the unpacked compositor addon as
 * REGIE_COMPOSITOR_ADDON. A value the operator set in the environment wins; a development run gets nothing.
 */
export function packagedEnv(input: PackagedEnvInput): Record<string, string> {
  if (!input.isPackaged) return {};
  const exists = input.exists ?? existsSync;
  const out: Record<string, string> = {};
  const userFfmpeg = input.env.REGIE_FFMPEG;
  if ((userFfmpeg === undefined || userFfmpeg === '') && input.ffmpegStatic !== null) {
    const ffmpeg = unpackedPath(input.ffmpegStatic);
    if (exists(ffmpeg)) out.REGIE_FFMPEG = ffmpeg;
  }
  const userAddon = input.env.REGIE_COMPOSITOR_ADDON;
  if (userAddon === undefined || userAddon === '') {
    const addon = unpackedPath(join(input.appPath, 'native', 'build', 'Release', 'regie_compositor.node'));
    if (exists(addon)) out.REGIE_COMPOSITOR_ADDON = addon;
  }
  return out;
}
