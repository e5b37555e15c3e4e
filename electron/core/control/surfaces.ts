// Control surfaces around the method table: the OSC server with its feedback to surfaces, and the tally
// webhook. Settings come from the show file's `control` section, overridden by the command line.
import type { CoreState } from '../../shared/state.js';
import type { AudioTelemetry } from '../audio/bus.js';
import type { Logger } from '../log/logger.js';
import type { StateStore } from '../state/store.js';
import type { Dispatcher } from './dispatch.js';
import { OscFeedback } from './osc-feedback.js';
import { OscServer } from './osc.js';
import { TallyWebhook } from './tally-webhook.js';

export interface SurfaceOptions {
  oscHost: string | null;
  oscPort: number | null;
  oscAllow: string[] | null;
}

export interface ControlSurfaces {
  oscPort: number | null;
  close(): Promise<void>;
}

const REFRESH_MS = 5000;

export async function startControlSurfaces(deps: {
  opts: SurfaceOptions;
  store: StateStore;
  dispatch: Dispatcher;
  audio: () => AudioTelemetry;
  logger: (name: string) => Logger;
}): Promise<ControlSurfaces> {
  const { store } = deps;
  const cfg = (): CoreState['show']['control'] => store.get().show.control;
  const webhook = new TallyWebhook(() => cfg().tallyWebhook, deps.logger('tally'));
  const timers: NodeJS.Timeout[] = [];
  let osc: OscServer | null = null;
  let feedback: OscFeedback | null = null;

  const oscCfg = cfg().osc;
  const port = deps.opts.oscPort ?? oscCfg?.port ?? null;
  let oscPort: number | null = null;
  if (port !== null) {
    const host = deps.opts.oscHost ?? oscCfg?.host ?? '127.0.0.1';
    const log = deps.logger('osc');
    const server = new OscServer(deps.dispatch, log, {
      allow: deps.opts.oscAllow ?? oscCfg?.allow ?? [],
      onSubscribe: (target, on) => {
        if (on) {
          log.info(`feedback to ${target.host}:${target.port}`);
          feedback?.subscribe(target, store.get());
        } else feedback?.unsubscribe(target);
      },
    });
    try {
      oscPort = await server.start(host, port);
    } catch (err) {
      await server.close().catch(() => undefined);
      throw new Error(
        `cannot listen for OSC on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    osc = server;
    log.info(`OSC control on udp://${host}:${oscPort} (/regie/<method>)`);
    if (
      host !== '127.0.0.1' &&
      host !== 'localhost' &&
      (deps.opts.oscAllow ?? oscCfg?.allow ?? []).length === 0
    )
      log.warn(
        `OSC listens on ${host} without a sender allowlist: anyone on the network can control the show`,
      );
    const fb = new OscFeedback(
      (target, msgs) => {
        for (const m of msgs) server.send(target, m.address, m.args);
      },
      () => cfg().osc?.feedback ?? [],
    );
    feedback = fb;
    fb.stateChanged(store.get());
    timers.push(setInterval(() => fb.refresh(store.get()), REFRESH_MS));
    const hz = oscCfg?.metersHz ?? 5;
    if (hz > 0)
      timers.push(
        setInterval(() => {
          if (fb.targets().length > 0) fb.meters(deps.audio());
        }, 1000 / hz),
      );
  }

  const onState = (): void => {
    const st = store.get();
    feedback?.stateChanged(st);
    webhook.update({ tally: st.tally, onAir: st.program.live, recording: st.program.recording });
  };
  const unsubscribe = store.subscribe(onState);
  onState();

  return {
    oscPort,
    async close() {
      unsubscribe();
      for (const t of timers) clearInterval(t);
      await osc?.close();
    },
  };
}
