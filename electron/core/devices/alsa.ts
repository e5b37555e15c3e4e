// ALSA capture devices, from `arecord -l`:
//   **** List of CAPTURE Hardware Devices ****
//   card 1: Gen [Scarlett 4i4 4th Gen], device 0: USB Audio [USB Audio]
//     Subdevices: 1/1
// and card names from /proc/asound/cards:
//    2 [USB            ]: USB-Audio - Scarlett 6i6 USB
//                         Focusrite Scarlett 6i6 USB at usb-0000:00:14.0-5.4, high speed
// Card numbers change with plug order; the card id ("Gen", "USB", "U192k") is what to open:
// `-f alsa -i hw:CARD=Gen,DEV=0`.
import type { CaptureDevice } from '../../shared/devices.js';
import { makeDeviceId, splitLines, uniqueById } from './text.js';

const ARECORD_LINE = /^card (\d+): (\S+) \[(.*)\], device (\d+): (.*) \[(.*)\]\s*$/;

export function parseArecordList(text: unknown): CaptureDevice[] {
  const devices: CaptureDevice[] = [];
  for (const line of splitLines(text)) {
    const m = ARECORD_LINE.exec(line.trim());
    if (!m?.[1] || !m[2] || m[3] === undefined || !m[4] || m[5] === undefined || m[6] === undefined) continue;
    const [cardIndex, cardId, cardName, deviceIndex, pcmId, pcmName] = [m[1], m[2], m[3], m[4], m[5], m[6]];
    const label = cardName || cardId;
    const pcm = pcmName || pcmId;
    const input = `hw:CARD=${cardId},DEV=${deviceIndex}`;
    devices.push({
      id: makeDeviceId('alsa', input),
      // "USB Audio" is what every class-compliant interface calls its PCM: say the card only.
      name: pcm && pcm !== 'USB Audio' && pcm !== label ? `${label}: ${pcm}` : label,
      backend: 'alsa',
      kind: 'audio',
      modes: [],
      input,
      details: { card: Number(cardIndex), cardId, device: Number(deviceIndex), pcmName: pcm },
    });
  }
  return uniqueById(devices);
}

export interface AsoundCard {
  index: number;
  id: string;
  driver: string;
  shortName: string;
  longName: string;
  /** "usb-0000:00:14.0-5.4, high speed": the USB port, stable while the cable stays put. */
  location?: string;
}

const CARD_LINE = /^\s*(\d+) \[([^\]]*?)\s*\]: (\S+) - (.*)$/;

export function parseAsoundCards(text: unknown): AsoundCard[] {
  const cards: AsoundCard[] = [];
  let last: AsoundCard | null = null;
  for (const line of splitLines(text)) {
    const m = CARD_LINE.exec(line);
    if (m?.[1] && m[2] !== undefined && m[3] && m[4] !== undefined) {
      last = {
        index: Number(m[1]),
        id: m[2].trim(),
        driver: m[3],
        shortName: m[4].trim(),
        longName: m[4].trim(),
      };
      cards.push(last);
      continue;
    }
    if (last && /^\s{10,}\S/.test(line)) {
      const long = line.trim();
      const at = / at (.+)$/.exec(long);
      last.longName = at ? long.slice(0, at.index) : long;
      if (at?.[1] && /^usb-/.test(at[1])) last.location = at[1];
      last = null;
    }
  }
  return cards;
}

/** Cards as audio devices (one per card, device 0), when `arecord` is not installed. */
export function asoundCardsToDevices(cards: readonly AsoundCard[]): CaptureDevice[] {
  return uniqueById(
    cards.map((card) => {
      const input = `hw:CARD=${card.id},DEV=0`;
      return {
        id: makeDeviceId('alsa', input),
        name: card.longName || card.shortName || card.id,
        backend: 'alsa' as const,
        kind: 'audio' as const,
        modes: [],
        input,
        details: {
          card: card.index,
          cardId: card.id,
          driver: card.driver,
          ...(card.location ? { location: card.location } : {}),
        },
      };
    }),
  );
}
