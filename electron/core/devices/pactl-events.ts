// `pactl subscribe` prints one line per server event (in the C locale):
//   Event 'new' on source #12
//   Event 'remove' on source #12
//   Event 'change' on card #3
// A source appearing or going away is a hot-plug; a card doing so (a USB interface) may also add or
// remove ALSA devices. 'change' events (volume, state, our own capture starting) are not hot-plugs.
import type { DeviceBackend } from '../../shared/devices.js';

export interface PactlEvent {
  type: 'new' | 'change' | 'remove';
  facility: string;
  index: number;
}

const EVENT_LINE = /^Event '(new|change|remove)' on ([a-z-]+) #(\d+)\s*$/;

export function parsePactlEvent(line: string): PactlEvent | null {
  const m = EVENT_LINE.exec(line.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { type: m[1] as PactlEvent['type'], facility: m[2], index: Number(m[3]) };
}

/** The backends to enumerate again after this event; empty when it changes no device list. */
export function backendsForPactlEvent(event: PactlEvent): DeviceBackend[] {
  if (event.type === 'change') return [];
  if (event.facility === 'source') return ['pulse'];
  if (event.facility === 'card') return ['pulse', 'alsa'];
  return [];
}
