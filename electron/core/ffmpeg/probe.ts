// Probe the chosen ffmpeg once at start: version, build configuration, encoders, devices, protocols.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FfmpegCapabilities } from '../../shared/state.js';
import type { ResolvedFfmpeg } from './resolve.js';
import { hardwareH264Encoders, parseDevices, parseEncoders, parseProtocols, parseVersion } from './parse.js';

const run = promisify(execFile);

async function ask(ffmpeg: string, flag: string): Promise<string> {
  const { stdout, stderr } = await run(ffmpeg, ['-hide_banner', flag], {
    timeout: 15_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  return stdout + stderr;
}

export async function probeFfmpeg(resolved: ResolvedFfmpeg): Promise<FfmpegCapabilities> {
  let versionText: string;
  try {
    versionText = await ask(resolved.ffmpeg, '-version');
  } catch (err) {
    throw new Error(`${resolved.ffmpeg} does not run (${err instanceof Error ? err.message : String(err)})`);
  }
  const [encodersText, devicesText, protocolsText] = await Promise.all([
    ask(resolved.ffmpeg, '-encoders'),
    ask(resolved.ffmpeg, '-devices'),
    ask(resolved.ffmpeg, '-protocols'),
  ]);
  return capabilitiesFrom(resolved, versionText, encodersText, devicesText, protocolsText);
}

/** Pure: the capability record from the four outputs. */
export function capabilitiesFrom(
  resolved: ResolvedFfmpeg,
  versionText: string,
  encodersText: string,
  devicesText: string,
  protocolsText: string,
): FfmpegCapabilities {
  const version = parseVersion(versionText);
  const encoders = parseEncoders(encodersText);
  const devices = parseDevices(devicesText);
  const protocols = parseProtocols(protocolsText);
  const conf = new Set(version.configuration);
  const inputDevices = devices.filter((d) => d.demux).map((d) => d.name);
  return {
    ffmpegPath: resolved.ffmpeg,
    ffprobePath: resolved.ffprobe,
    source: resolved.origin,
    version: version.version,
    major: version.major,
    libsrt: protocols.output.includes('srt') || conf.has('--enable-libsrt'),
    libx264: encoders.some((e) => e.name === 'libx264'),
    libzmq: conf.has('--enable-libzmq'),
    decklink: inputDevices.includes('decklink'),
    hardwareEncoders: hardwareH264Encoders(encoders),
    workingHardwareEncoders: [],
    inputDevices,
    protocols: [...new Set([...protocols.input, ...protocols.output])].sort(),
  };
}
