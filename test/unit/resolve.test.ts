import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FfmpegNotFoundError, resolveFfmpeg } from '../../electron/core/ffmpeg/resolve.js';

const root = mkdtempSync(join(tmpdir(), 'regie-resolve-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An executable placeholder at <root>/<sub>/<name>. */
function exe(sub: string, name: string): string {
  const dir = join(root, sub);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

const envFfmpeg = exe('env', 'ffmpeg');
const envProbe = exe('env', 'ffprobe');
const settingsFfmpeg = exe('settings', 'ffmpeg');
const staticFfmpeg = exe('static', 'ffmpeg');
const pathFfmpeg = exe('path', 'ffmpeg');
const pathProbe = exe('path', 'ffprobe');
const PATH = join(root, 'path');

describe('resolveFfmpeg', () => {
  it('takes REGIE_FFMPEG / REGIE_FFPROBE first', () => {
    const r = resolveFfmpeg({
      env: { PATH, REGIE_FFMPEG: envFfmpeg, REGIE_FFPROBE: envProbe },
      settings: { ffmpegPath: settingsFfmpeg },
      staticPath: staticFfmpeg,
    });
    expect(r).toEqual({ ffmpeg: envFfmpeg, ffprobe: envProbe, origin: 'env' });
  });

  it('then the settings', () => {
    const r = resolveFfmpeg({
      env: { PATH },
      settings: { ffmpegPath: settingsFfmpeg },
      staticPath: staticFfmpeg,
    });
    expect(r.origin).toBe('settings');
    expect(r.ffmpeg).toBe(settingsFfmpeg);
    expect(r.ffprobe).toBe(pathProbe); // no sibling ffprobe: found on PATH
  });

  it('then ffmpeg-static when its binary exists', () => {
    expect(resolveFfmpeg({ env: { PATH }, staticPath: staticFfmpeg })).toMatchObject({
      ffmpeg: staticFfmpeg,
      origin: 'ffmpeg-static',
    });
    expect(resolveFfmpeg({ env: { PATH }, staticPath: join(root, 'static', 'missing') })).toMatchObject({
      origin: 'path',
    });
  });

  it('then ffmpeg on PATH, with its sibling ffprobe', () => {
    expect(resolveFfmpeg({ env: { PATH }, staticPath: null })).toEqual({
      ffmpeg: pathFfmpeg,
      ffprobe: pathProbe,
      origin: 'path',
    });
  });

  it('explains how to install ffmpeg when there is none', () => {
    const call = () => resolveFfmpeg({ env: { PATH: join(root, 'empty') }, staticPath: null });
    expect(call).toThrow(FfmpegNotFoundError);
    expect(call).toThrow(/apt-get install -y ffmpeg/);
    expect(call).toThrow(/REGIE_FFMPEG/);
  });

  it('rejects a REGIE_FFMPEG that is not executable, naming it', () => {
    expect(() =>
      resolveFfmpeg({ env: { PATH, REGIE_FFMPEG: join(root, 'nope') }, staticPath: null }),
    ).toThrow(/REGIE_FFMPEG=.*nope is not an executable/);
  });
});
