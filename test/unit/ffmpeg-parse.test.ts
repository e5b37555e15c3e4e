import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capabilitiesFrom } from '../../electron/core/ffmpeg/probe.js';
import {
  parseDevices,
  parseEncoders,
  parseProtocols,
  parseVersion,
} from '../../electron/core/ffmpeg/parse.js';
import { ProgressBlockParser, parseProgressLine } from '../../electron/core/ffmpeg/progress.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/ffmpeg', name), 'utf8');

describe('ffmpeg self-description parsers (Debian 12 ffmpeg 5.1 captured output)', () => {
  it('reads the version and the build configuration', () => {
    const v = parseVersion(fixture('debian-5.1-version.txt'));
    expect(v.version).toBe('5.1.9-0+deb12u1');
    expect(v.major).toBe(5);
    expect(v.configuration).toContain('--enable-libsrt');
    expect(v.configuration).toContain('--enable-libzmq');
  });

  it('lists encoders with their type', () => {
    const enc = parseEncoders(fixture('debian-5.1-encoders.txt'));
    expect(enc.find((e) => e.name === 'libx264')).toMatchObject({ type: 'video' });
    expect(enc.find((e) => e.name === 'aac')).toMatchObject({ type: 'audio' });
    expect(enc.some((e) => e.name === 'h264_vaapi')).toBe(true);
    expect(enc.length).toBeGreaterThan(150);
  });

  it('lists devices with demux/mux flags', () => {
    const dev = parseDevices(fixture('debian-5.1-devices.txt'));
    expect(dev.find((d) => d.name === 'pulse')).toEqual({ name: 'pulse', demux: true, mux: true });
    expect(dev.find((d) => d.name === 'x11grab')).toEqual({ name: 'x11grab', demux: true, mux: false });
    expect(dev.some((d) => d.name === 'decklink')).toBe(false);
  });

  it('lists input and output protocols', () => {
    const p = parseProtocols(fixture('debian-5.1-protocols.txt'));
    expect(p.input).toContain('srt');
    expect(p.output).toContain('rtmp');
    expect(p.output).toContain('icecast');
  });

  it('derives the capability record', () => {
    const caps = capabilitiesFrom(
      { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe', origin: 'path' },
      fixture('debian-5.1-version.txt'),
      fixture('debian-5.1-encoders.txt'),
      fixture('debian-5.1-devices.txt'),
      fixture('debian-5.1-protocols.txt'),
    );
    expect(caps).toMatchObject({
      libsrt: true,
      libx264: true,
      libzmq: true,
      decklink: false,
      major: 5,
      source: 'path',
    });
    expect(caps.hardwareEncoders).toEqual(expect.arrayContaining(['h264_vaapi', 'h264_nvenc', 'h264_qsv']));
    expect(caps.hardwareEncoders).not.toContain('libx264');
    expect(caps.inputDevices).toEqual(expect.arrayContaining(['pulse', 'x11grab', 'lavfi', 'v4l2']));
  });

  it('survives garbage', () => {
    expect(parseVersion('')).toEqual({ version: 'unknown', major: null, configuration: [] });
    expect(parseEncoders('nonsense\n------\n??')).toEqual([]);
    expect(parseDevices('')).toEqual([]);
    expect(parseProtocols('x')).toEqual({ input: [], output: [] });
  });
});

describe('progress lines', () => {
  it('parses an encoder progress line', () => {
    const p = parseProgressLine(
      'frame= 1234 fps= 30 q=23.0 size=   10240kB time=00:00:41.13 bitrate=2039.5kbits/s dup=2 drop=5 speed=1.01x',
    );
    expect(p).toEqual({
      frame: 1234,
      fps: 30,
      q: 23,
      sizeKiB: 10240,
      timeS: 41.13,
      bitrateKbps: 2039.5,
      dup: 2,
      drop: 5,
      speed: 1.01,
    });
  });

  it('parses an audio-only line and N/A values', () => {
    const p = parseProgressLine('size=N/A time=01:02:03.50 bitrate=N/A speed=0.998x');
    expect(p).toEqual({ timeS: 3723.5, speed: 0.998 });
  });

  it('ignores other lines', () => {
    expect(parseProgressLine('Input #0, lavfi, from testsrc:')).toBeNull();
    expect(parseProgressLine('[rtmp @ 0x1] Server error: Already publishing')).toBeNull();
  });

  it('reads -progress key=value blocks', () => {
    const parser = new ProgressBlockParser();
    const lines = [
      'frame=90',
      'fps=29.97',
      'total_size=524288',
      'out_time=00:00:03.000000',
      'bitrate=1398.1kbits/s',
      'dup_frames=0',
      'drop_frames=1',
      'speed=1x',
    ];
    for (const l of lines) expect(parser.push(l)).toBeNull();
    expect(parser.push('progress=continue')).toEqual({
      frame: 90,
      fps: 29.97,
      sizeKiB: 512,
      timeS: 3,
      bitrateKbps: 1398.1,
      dup: 0,
      drop: 1,
      speed: 1,
    });
  });
});
