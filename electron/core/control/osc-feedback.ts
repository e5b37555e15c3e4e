// OSC feedback for control surfaces (Companion, TouchOSC, Stream Deck): the state they show, sent to the
// static targets of the show file and to every surface that registered with /regie/feedback/subscribe.
// A message goes out when its value changes; everything is re-sent every few seconds (UDP can lose
// packets, a surface can restart) and at once to a new subscriber. Meters go at a low rate.
import type { CoreState } from '../../shared/state.js';
import type { OscTarget } from '../../shared/show-control.js';
import type { AudioTelemetry } from '../audio/bus.js';

export type OscArg = string | number;
export interface OscOut {
  address: string;
  args: OscArg[];
}
export type OscSend = (target: OscTarget, msgs: readonly OscOut[]) => void;

/** At most this many registered surfaces; the oldest registration goes first. */
export const MAX_SUBSCRIBERS = 16;

const key = (t: OscTarget): string => `${t.host}:${t.port}`;
const bit = (b: boolean): number => (b ? 1 : 0);

/** The state feedback messages, keyed by address (one value per address). */
export function stateMessages(state: CoreState): Map<string, OscArg[]> {
  const out = new Map<string, OscArg[]>();
  for (const [id, tally] of Object.entries(state.tally)) {
    out.set(`/regie/tally/${id}`, [tally]);
    out.set(`/regie/tally/${id}/program`, [bit(tally === 'program')]);
    out.set(`/regie/tally/${id}/preview`, [bit(tally === 'preview')]);
  }
  for (const s of state.show.sources) {
    out.set(`/regie/audio/${s.id}/gain`, [s.mixer.gainDb]);
    out.set(`/regie/audio/${s.id}/mute`, [bit(s.mixer.muted)]);
  }
  const scene = state.show.scene;
  out.set('/regie/onair', [bit(state.program.live)]);
  out.set('/regie/recording', [bit(state.program.recording)]);
  out.set('/regie/program/layout', [scene.layout, scene.sources[0] ?? '', scene.sources[1] ?? '']);
  out.set('/regie/preview/layout', [
    state.preview.layout,
    state.preview.sources[0] ?? '',
    state.preview.sources[1] ?? '',
  ]);
  out.set('/regie/blank', [state.program.blank ?? 'off']);
  return out;
}

/** Meter messages: the program (peak, RMS, momentary loudness) and each source (peak, RMS), in dB. */
export function meterMessages(audio: AudioTelemetry): OscOut[] {
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  return [
    {
      address: '/regie/meter/program',
      args: [r1(audio.program.peakDb), r1(audio.program.rmsDb), r1(audio.program.lufsM)],
    },
    ...audio.sources.map((s) => ({ address: `/regie/meter/${s.id}`, args: [r1(s.peakDb), r1(s.rmsDb)] })),
  ];
}

export class OscFeedback {
  private readonly subscribers = new Map<string, OscTarget>();
  private last = new Map<string, string>();

  constructor(
    private readonly send: OscSend,
    private readonly staticTargets: () => readonly OscTarget[],
  ) {}

  targets(): OscTarget[] {
    const all = new Map<string, OscTarget>();
    for (const t of this.staticTargets()) all.set(key(t), t);
    for (const [k, t] of this.subscribers) all.set(k, t);
    return [...all.values()];
  }

  subscribe(target: OscTarget, state: CoreState): void {
    this.subscribers.delete(key(target));
    this.subscribers.set(key(target), target);
    while (this.subscribers.size > MAX_SUBSCRIBERS) {
      const oldest = this.subscribers.keys().next().value;
      if (oldest === undefined) break;
      this.subscribers.delete(oldest);
    }
    this.send(target, toList(stateMessages(state)));
  }

  unsubscribe(target: OscTarget): void {
    this.subscribers.delete(key(target));
  }

  /** After a state change: send what changed to every target. */
  stateChanged(state: CoreState): void {
    const now = stateMessages(state);
    const changed: OscOut[] = [];
    for (const [address, args] of now) {
      const v = JSON.stringify(args);
      if (this.last.get(address) !== v) changed.push({ address, args });
    }
    this.last = new Map([...now].map(([a, args]) => [a, JSON.stringify(args)]));
    if (changed.length > 0) this.broadcast(changed);
  }

  /** Everything again (periodic refresh). */
  refresh(state: CoreState): void {
    this.broadcast(toList(stateMessages(state)));
  }

  meters(audio: AudioTelemetry): void {
    this.broadcast(meterMessages(audio));
  }

  private broadcast(msgs: readonly OscOut[]): void {
    for (const t of this.targets()) this.send(t, msgs);
  }
}

function toList(m: Map<string, OscArg[]>): OscOut[] {
  return [...m].map(([address, args]) => ({ address, args }));
}
