// electron-builder.yml against the paths the code loads at run time (the app cannot be packaged here:
// no Electron binary), and the packaged-app path rewriting of electron/main/packaged.ts.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { resolveFfmpeg } from '../../../electron/core/ffmpeg/resolve.js';
import { packagedEnv, unpackedPath } from '../../../electron/main/packaged.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const Platform = z.object({ target: z.union([z.string(), z.array(z.string())]), icon: z.string() });
const Config = z.object({
  appId: z.string().regex(/^[a-z]+(\.[a-z]+)+$/),
  productName: z.string(),
  files: z.array(z.string()),
  asarUnpack: z.array(z.string()),
  linux: Platform,
  mac: Platform,
  win: Platform,
});
const config = Config.parse(parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')));

/** electron-builder's globs as far as this file uses them: `**`, `*`, and a leading `!`. */
function matches(path: string, glob: string): boolean {
  const re = glob
    .split(/\*\*\/?/)
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${re}$`).test(path);
}
const included = (path: string): boolean => {
  let result = false;
  for (const g of config.files) {
    if (g.startsWith('!')) {
      if (matches(path, g.slice(1))) result = false;
    } else if (matches(path, g)) result = true;
  }
  return result;
};
const unpacked = (path: string): boolean => config.asarUnpack.some((g) => matches(path, g));

describe('electron-builder.yml', () => {
  it('builds AppImage and deb, dmg, and an NSIS installer', () => {
    expect(config.appId).toBe('org.regie.console');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('every icon it names exists, and is a 512x512 PNG', () => {
    for (const p of [config.linux, config.mac, config.win]) {
      const file = join(ROOT, p.icon);
      expect(existsSync(file), p.icon).toBe(true);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
    expect(readFileSync(join(ROOT, 'resources', 'icon.svg'), 'utf8')).toMatch(
      /<svg[^>]+viewBox="0 0 512 512"/,
    );
  });

  it('ships and unpacks the compositor addon where native/load.ts looks for it', () => {
    const addon = 'native/build/Release/regie_compositor.node';
    expect(readFileSync(join(ROOT, 'native', 'load.ts'), 'utf8')).toContain(
      "join('build', 'Release', 'regie_compositor.node')",
    );
    expect(included(addon)).toBe(true);
    expect(unpacked(addon)).toBe(true);
    expect(included('native/src/compose.cc')).toBe(false);
  });

  it('ships and unpacks ffmpeg-static, the docs Help opens, and the resources the core reads', () => {
    for (const f of [
      'node_modules/ffmpeg-static/ffmpeg',
      'node_modules/ffmpeg-static/ffmpeg.exe',
      'docs/user-guide.md',
      'resources/slates.json',
    ]) {
      expect(included(f), f).toBe(true);
      expect(unpacked(f), f).toBe(true);
    }
  });

  it('ships what main, the preload, the core launcher and the renderer need', () => {
    const pkg = z
      .object({ main: z.string() })
      .parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
    for (const f of [
      pkg.main,
      'dist/electron/preload/preload.cjs',
      'dist/electron/core/cli.js',
      'bin/regie-core.mjs',
      'renderer/dist/index.html',
      'package.json',
    ])
      expect(included(f), f).toBe(true);
    expect(included('dist/electron/main/main.js.map')).toBe(false);
    expect(included('test/unit/electron/builder.test.ts')).toBe(false);
  });
});

describe('packaged-app paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regie-packaged-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites a path inside app.asar to app.asar.unpacked, and leaves others alone', () => {
    expect(unpackedPath('/opt/Régie/resources/app.asar/node_modules/ffmpeg-static/ffmpeg', '/')).toBe(
      '/opt/Régie/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg',
    );
    expect(unpackedPath('C:\\Program Files\\Régie\\resources\\app.asar\\docs\\user-guide.md', '\\')).toBe(
      'C:\\Program Files\\Régie\\resources\\app.asar.unpacked\\docs\\user-guide.md',
    );
    expect(unpackedPath('/opt/Régie/resources/app.asar.unpacked/x', '/')).toBe(
      '/opt/Régie/resources/app.asar.unpacked/x',
    );
    expect(unpackedPath('/home/op/regie/node_modules/ffmpeg-static/ffmpeg', '/')).toBe(
      '/home/op/regie/node_modules/ffmpeg-static/ffmpeg',
    );
  });

  it('a packaged core gets the unpacked ffmpeg-static and addon, and the core resolves that ffmpeg', () => {
    // The layout electron-builder makes: app.asar is a file; unpacked files are real files beside it.
    const resources = join(dir, 'resources');
    const appAsar = join(resources, 'app.asar');
    const real = join(resources, 'app.asar.unpacked');
    mkdirSync(join(real, 'node_modules', 'ffmpeg-static'), { recursive: true });
    mkdirSync(join(real, 'native', 'build', 'Release'), { recursive: true });
    writeFileSync(appAsar, 'asar archive');
    const ffmpeg = join(real, 'node_modules', 'ffmpeg-static', 'ffmpeg');
    writeFileSync(ffmpeg, '#!/bin/sh\nexit 0\n');
    chmodSync(ffmpeg, 0o755);
    writeFileSync(join(real, 'native', 'build', 'Release', 'regie_compositor.node'), '');
    // What require('ffmpeg-static') answers inside the asar: a path nothing outside Electron's fs can open.
    const exported = join(appAsar, 'node_modules', 'ffmpeg-static', 'ffmpeg');
    expect(() => resolveFfmpeg({ env: { PATH: '' }, staticPath: exported })).toThrow(/No usable ffmpeg/);

    const env = packagedEnv({ isPackaged: true, appPath: appAsar, env: {}, ffmpegStatic: exported });
    expect(env).toEqual({
      REGIE_FFMPEG: ffmpeg,
      REGIE_COMPOSITOR_ADDON: join(real, 'native', 'build', 'Release', 'regie_compositor.node'),
    });
    const resolved = resolveFfmpeg({ env: { ...env, PATH: '' } });
    expect(resolved.ffmpeg).toBe(ffmpeg);

    // The operator's own choice wins; a development run and a missing ffmpeg-static add nothing.
    expect(
      packagedEnv({
        isPackaged: true,
        appPath: appAsar,
        env: { REGIE_FFMPEG: '/usr/bin/ffmpeg' },
        ffmpegStatic: exported,
      }).REGIE_FFMPEG,
    ).toBeUndefined();
    expect(packagedEnv({ isPackaged: false, appPath: appAsar, env: {}, ffmpegStatic: exported })).toEqual({});
    expect(
      packagedEnv({ isPackaged: true, appPath: appAsar, env: {}, ffmpegStatic: null }).REGIE_FFMPEG,
    ).toBeUndefined();
  });
});
