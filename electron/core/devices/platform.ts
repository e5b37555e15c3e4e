// Which capture backends each operating system has, in the order devices are listed, and why a
// backend of another system is not offered here.
import type { DeviceBackend } from '../../shared/devices.js';
import { backendLabel } from './availability.js';

/** Backends enumerated on this platform. Linux and the BSDs share the Unix list. */
export function nativeBackends(platform: NodeJS.Platform): DeviceBackend[] {
  if (platform === 'darwin') return ['avfoundation', 'decklink'];
  if (platform === 'win32') return ['dshow', 'gdigrab', 'decklink'];
  return ['v4l2', 'decklink', 'x11grab', 'pulse', 'alsa', 'jack'];
}

const HOME: Readonly<Record<DeviceBackend, string>> = {
  v4l2: 'Linux',
  pulse: 'Linux',
  alsa: 'Linux',
  jack: 'Linux',
  x11grab: 'Linux',
  avfoundation: 'macOS',
  dshow: 'Windows',
  gdigrab: 'Windows',
  decklink: 'Linux, macOS and Windows',
};

export function osName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS';
  if (platform === 'win32') return 'Windows';
  if (platform === 'linux') return 'Linux';
  return platform;
}

/** "DirectShow: a Windows capture API; this machine runs Linux". */
export function notOnThisOsReason(backend: DeviceBackend, platform: NodeJS.Platform): string {
  return `${backendLabel(backend)}: a ${HOME[backend]} capture API; this machine runs ${osName(platform)}`;
}
