// The composition root: builds every part of the core with explicit dependencies, and close() tears them
// down in reverse order (control first, then media, then the show is flushed).
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { CoreState } from '../shared/state.js';
import type { JsonValue } from '../shared/patch.js';
import { emptyShow } from '../shared/show.js';
import type { Show } from '../shared/show.js';
import { createHandlers } from './control/handlers.js';
import { AuthGate, generateToken } from './control/auth.js';
import { createDispatcher } from './control/dispatch.js';
import type { Dispatcher } from './control/dispatch.js';
import { createHttpHandler } from './control/http.js';
import { createExec, nodeFs } from './devices/exec.js';
import { sourcesToRestart } from './devices/reattach.js';
import { DeviceService } from './devices/service.js';
import { WsHub } from './control/ws.js';
import type { ControlSurfaces } from './control/surfaces.js';
import { startControlSurfaces } from './control/surfaces.js';
import { deriveTally } from './control/tally.js';
import { probeFfmpeg } from './ffmpeg/probe.js';
import { resolveFfmpeg } from './ffmpeg/resolve.js';
import { configureLogging, createLogger } from './log/logger.js';
import { registerSecret } from './log/redact.js';
import type { CoreOptions } from './options.js';
import { appVersion, rendererDir } from './paths.js';
import { SecretsStore } from './secrets/store.js';
import { demoShow } from './show/demo.js';
import { loadShowFile } from './show/load.js';
import { ShowModel } from './show/model.js';
import { ShowSaver } from './show/save.js';
import { MediaEngine } from './media.js';
import { ProgramOutputs } from './program-outputs.js';
import { PreviewService } from './previews.js';
import { workingHardwareEncoders } from './ffmpeg/hwtrial.js';
import { StateStore } from './state/store.js';
import { Telemetry } from './telemetry.js';

export interface RunningCore {
  url: string;
  token: string;
  port: number;
  store: StateStore;
  dispatch: Dispatcher;
  close(): Promise<void>;
}

export async function startCore(
  opts: CoreOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningCore> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  configureLogging({ dir: join(dataDir, 'logs') });
  const log = createLogger('core');
  const token = opts.token ?? generateToken();
  registerSecret(token);

  // Fail before anything starts: a bad show or no ffmpeg means no half-configured core.
  const showPath = opts.show !== null ? resolve(opts.show) : null;
  let show: Show;
  if (showPath !== null) {
    const loaded = loadShowFile(showPath);
    show = loaded.show;
    for (const m of loaded.migrated) log.info(`show migrated ${m}`);
  } else {
    show = opts.demo ? demoShow() : emptyShow();
  }
  const resolved = resolveFfmpeg({ env });
  const caps = await probeFfmpeg(resolved);
  log.info(`ffmpeg ${caps.version} (${caps.source}: ${caps.ffmpegPath})`, {
    libsrt: caps.libsrt,
    libx264: caps.libx264,
    decklink: caps.decklink,
    hardwareEncoders: caps.hardwareEncoders,
  });
  const devices = new DeviceService({
    enumerate: {
      platform: process.platform,
      exec: createExec(env),
      fs: nodeFs,
      env,
      ffmpeg: caps.ffmpegPath,
      inputDevices: caps.inputDevices,
    },
    logger: createLogger('devices'),
  });

  const secrets = new SecretsStore(dataDir);
  const initial: CoreState = {
    core: {
      version: appVersion(),
      pid: process.pid,
      startedAt: new Date().toISOString(),
      showPath,
      dataDir,
      oscPort: null,
    },
    ffmpeg: caps,
    show,
    sources: {},
    preview: show.scene,
    recording: {
      active: false,
      path: null,
      bytes: 0,
      durationS: 0,
      segments: [],
      lastError: null,
      directory: '',
    },
    destinations: {},
    program: { blank: null, live: false, liveSince: null, recording: false },
    tally: {},
    audio: { solo: [] },
    secrets: secrets.listMasked(),
  };
  const store = new StateStore(initial, deriveTally);
  const saver = new ShowSaver(showPath, log.child('show'));
  const outputs = new ProgramOutputs({
    ffmpeg: caps.ffmpegPath,
    dataDir,
    secrets,
    logger: createLogger('outputs'),
    show: () => store.get().show,
  });
  let workingHardware: string[] = [];
  let previews: PreviewService | null = null;
  let hub: WsHub | null = null;
  const noMonitor: ReadonlySet<string> = new Set();
  const media = new MediaEngine({
    ffmpeg: caps.ffmpegPath,
    ffprobe: caps.ffprobePath,
    logger: createLogger('media'),
    workingHardware: () => workingHardware,
    onTs: (chunk) => outputs.push(chunk),
    onEncoderRestart: () => outputs.encoderRestarted(),
    onProgramFrame: (frame) => previews?.onProgramFrame(frame),
    monitor: {
      wanted: () => hub?.monitorTargets() ?? noMonitor,
      send: (id, frame) => hub?.sendMonitor(id, frame),
    },
    onSourceStatus: (id, status) =>
      store.update((s) => {
        if (status === null)
          s.sources = Object.fromEntries(Object.entries(s.sources).filter(([k]) => k !== id));
        else s.sources[id] = status;
      }),
  });
  // Offer a hardware encoder only once a trial encode has worked (in the background: start stays fast).
  const trials = new AbortController();
  void workingHardwareEncoders(caps.ffmpegPath, caps.hardwareEncoders, trials.signal).then(
    ({ working, failures }) => {
      if (trials.signal.aborted) return;
      workingHardware = working;
      store.update((s) => void (s.ffmpeg.workingHardwareEncoders = working));
      if (Object.keys(failures).length > 0) log.debug('hardware encoders that failed their trial', failures);
    },
  );
  const applyShow = (next: Show): void => {
    media
      .apply(next)
      .catch((err: unknown) =>
        log.error('applying the show failed', { error: err instanceof Error ? err : String(err) }),
      );
    outputs
      .sync(next)
      .catch((err: unknown) =>
        log.error('applying the destinations failed', { error: err instanceof Error ? err : String(err) }),
      );
  };
  // Recording and destination health: into state once a second (telemetry has them at its own rate).
  const publishOutputs = (): void => {
    const st = outputs.status();
    store.update((s) => {
      const r = st.recording;
      s.recording = {
        active: r?.active ?? false,
        path: r?.path ?? null,
        bytes: r?.bytes ?? 0,
        durationS: Math.round(r?.durationS ?? 0),
        segments: r?.segments ?? [],
        lastError: r?.lastError ?? null,
        directory: outputs.recordingDir(),
        disk: outputs.disk(),
      };
      // The recording can stop by itself (disk full).
      if (s.program.recording && r?.active !== true) s.program.recording = false;
      s.destinations = Object.fromEntries(
        Object.entries(st.destinations).map(([id, d]) => [
          id,
          {
            state: d.state,
            lastError: d.lastError,
            bitrateKbps: Math.round(d.bitrateKbps),
            reconnects: d.reconnects,
            uptimeS: Math.round(d.uptimeS),
            backlogMs: Math.round(d.backlogMs),
            droppedFrames: d.droppedFrames,
            srt: d.srt,
            ingest: d.ingest,
          },
        ]),
      );
    });
  };
  const outputsTimer = setInterval(publishOutputs, 1000);
  const model = new ShowModel(store, saver, applyShow);
  // Capture devices: enumerated in the background, then followed by hot-plug. A device source restarts
  // at once when its device comes back (no backoff wait) or goes away (see devices/reattach.ts).
  media.sources.devices = () => [...devices.current().video, ...devices.current().audio];
  devices.on('changed', (change) => {
    store.update((s) => void (s.devices = change.list));
    const st = store.get();
    for (const id of sourcesToRestart(st.show.sources, change, st.sources)) void media.sources.restartNow(id);
  });
  const dispatch = createDispatcher(
    createHandlers({ model, secrets, store, media, outputs, devices }),
    createLogger('api'),
  );

  const telemetry = new Telemetry(25);
  telemetry.provide('program', () => media.stats() as unknown as JsonValue);
  telemetry.provide('outputs', () => outputs.status() as unknown as JsonValue);
  telemetry.provide('disk', () => outputs.disk() as unknown as JsonValue);
  telemetry.provide('audio', () => media.audioTelemetry() as unknown as JsonValue);
  telemetry.provide('sources', () => {
    const out: Record<string, { status: string; framesIn: number }> = {};
    for (const [id, st] of Object.entries(store.get().sources))
      out[id] = { status: st.status, framesIn: st.framesIn };
    return out;
  });

  const auth = new AuthGate(token);
  const ws = new WsHub({
    auth,
    dispatch,
    store,
    logger: createLogger('ws'),
    canMonitor: (target) => media.canMonitor(target),
  });
  hub = ws;
  previews = new PreviewService({
    format: () => store.get().show.program,
    wanted: () => ws.clientCount > 0,
    send: (frame) => ws.sendBinary(frame),
    sources: () => media.sources.all().map((r) => ({ id: r.id, frame: media.sourceFrame(r.id) })),
  });
  const startedAt = Date.now();
  const server = createServer(
    createHttpHandler({
      auth,
      dispatch,
      state: () => store.snapshot().state,
      telemetry: () => telemetry.sample(),
      health: () => ({
        ok: true,
        version: initial.core.version,
        uptimeS: Math.round((Date.now() - startedAt) / 1000),
      }),
      rendererDir: rendererDir(),
      logger: createLogger('http'),
    }),
  );
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl =
    opts.host === '0.0.0.0' || opts.host === '::'
      ? '127.0.0.1'
      : opts.host.includes(':')
        ? `[${opts.host}]`
        : opts.host;
  const url = `http://${hostForUrl}:${port}`;
  if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1') {
    log.warn(`the control API listens on ${opts.host}: reachable from the network (token required)`);
  }
  let surfaces: ControlSurfaces;
  try {
    surfaces = await startControlSurfaces({
      opts,
      store,
      dispatch,
      audio: () => media.audioTelemetry(),
      logger: createLogger,
    });
  } catch (err) {
    await new Promise<void>((r) => {
      server.close(() => r());
    });
    throw err;
  }
  if (surfaces.oscPort !== null) store.update((s) => void (s.core.oscPort = surfaces.oscPort));
  telemetry.start((data) => {
    if (ws.clientCount > 0) ws.sendTelemetry(data);
  });
  devices.start();
  applyShow(show);
  log.info(`ready at ${url}`, {
    show: showPath ?? (opts.demo ? 'demo' : 'empty'),
    sources: show.sources.length,
  });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      log.info('shutting down');
      trials.abort();
      telemetry.stop();
      await surfaces.close();
      await ws.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      clearInterval(outputsTimer);
      await devices.stop();
      await media.close();
      await outputs.close();
      saver.flush();
      log.info('stopped');
    })();
    return closing;
  };
  return { url, token, port, store, dispatch, close };
}
