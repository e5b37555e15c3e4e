// Every device any parser builds from any fixture must satisfy the shared zod schema.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseArecordList,
  parseAvfoundationDevices,
  parseDecklinkDevices,
  parseDecklinkFormats,
  parseDshowDevices,
  parseDshowOptions,
  parseFfmpegSources,
  parsePactlJsonSources,
  parsePactlSources,
  parseV4l2CtlFormats,
  parseV4l2Formats,
} from '../../../electron/core/devices/index.js';
import { CaptureDeviceSchema, DeviceModeSchema } from '../../../electron/shared/devices.js';
import { fixture } from './fixture.js';

const dirs = ['dshow', 'avfoundation', 'v4l2', 'decklink', 'pulse', 'alsa', 'ffmpeg'];
const root = fileURLToPath(new URL('../../fixtures/devices/', import.meta.url));

describe('schema conformance', () => {
  it('holds for every parser on every fixture', () => {
    let devices = 0;
    let modes = 0;
    for (const dir of dirs) {
      for (const file of readdirSync(root + dir)) {
        const text = fixture(`${dir}/${file}`);
        const found = [
          ...parseDshowDevices(text),
          ...parseAvfoundationDevices(text),
          ...parseDecklinkDevices(text),
          ...parseFfmpegSources(text, 'decklink'),
          ...parsePactlSources(text),
          ...parsePactlJsonSources(text),
          ...parseArecordList(text),
        ];
        for (const d of found) expect(CaptureDeviceSchema.safeParse(d).error).toBeUndefined();
        const listed = [
          ...parseDshowOptions(text),
          ...parseV4l2Formats(text),
          ...parseV4l2CtlFormats(text),
          ...parseDecklinkFormats(text),
        ];
        for (const m of listed) expect(DeviceModeSchema.safeParse(m).error).toBeUndefined();
        devices += found.length;
        modes += listed.length;
      }
    }
    expect(devices).toBeGreaterThan(60);
    expect(modes).toBeGreaterThan(150);
  });
});
