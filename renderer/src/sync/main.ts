// The sync pattern for a phone or a laptop held in front of a camera: a white flash and a beep every
// PERIOD_S seconds, as the core's `sync` test pattern, so that audio.calibrate can measure the A/V offset
// of the whole chain (camera, capture card, room microphone, mixing desk). Served by the core at
// /sync.html, without the token: it reads nothing from the core.
//
// The beeps are scheduled on the audio clock; the audio context says when a moment of its clock is heard
// (getOutputTimestamp, which counts the output latency), and each frame is drawn white when it will be on
// screen while a beep is heard (one refresh interval after its requestAnimationFrame callback), to the
// nearest frame.
import { FLASH_S, PERIOD_S, RefreshEstimate, flashOn, heardAtMs } from './schedule.js';
import type { ClockPair } from './schedule.js';

const params = new URLSearchParams(location.search);
const hz = Math.min(8000, Math.max(100, Number(params.get('hz') ?? 1000) || 1000));
const LEVEL = 0.5; // -6 dBFS: loud enough for a room microphone a metre away
const KEPT = 16; // beeps and flashes kept in the diagnostics

interface SyncDiagnostics {
  /** performance.now() times at which the beeps are heard, as the audio context reports them */
  beepsHeardMs: number[];
  /** the moments the first white frame of each flash is expected on screen */
  flashShownMs: number[];
  flashing: boolean;
  started: boolean;
  /** what the audio context reports of its own latency */
  outputLatencyMs: number;
  baseLatencyMs: number;
}
const diagnostics: SyncDiagnostics = {
  beepsHeardMs: [],
  flashShownMs: [],
  flashing: false,
  started: false,
  outputLatencyMs: 0,
  baseLatencyMs: 0,
};
(window as unknown as { regieSync: SyncDiagnostics }).regieSync = diagnostics;

const canvas = document.querySelector('canvas');
const startButton = document.querySelector<HTMLButtonElement>('#start');
const g = canvas?.getContext('2d');
if (!canvas || !startButton || !g) throw new Error('sync page: missing canvas or start button');

function clockPair(ctx: AudioContext): ClockPair {
  const ts = ctx.getOutputTimestamp();
  if (ts.contextTime !== undefined && ts.performanceTime !== undefined && ts.performanceTime > 0)
    return { contextTime: ts.contextTime, performanceTime: ts.performanceTime };
  // Not playing yet: the current time, heard after the reported output latency.
  const latency = (ctx.outputLatency || ctx.baseLatency || 0) * 1000;
  return { contextTime: ctx.currentTime, performanceTime: performance.now() + latency };
}

function scheduleBeep(ctx: AudioContext, at: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = hz;
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(LEVEL, at + 0.002);
  gain.gain.setValueAtTime(LEVEL, at + FLASH_S - 0.002);
  gain.gain.linearRampToValueAtTime(0, at + FLASH_S);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + FLASH_S + 0.01);
}

function start(ctx: AudioContext): void {
  const origin = ctx.currentTime + 0.5;
  const beeps: number[] = []; // context times, scheduled
  let k = 0;
  const schedule = (): void => {
    // up to a second ahead: a throttled timer cannot make a beep late; one already due is skipped
    for (; origin + k * PERIOD_S <= ctx.currentTime + 1; k++) {
      const at = origin + k * PERIOD_S;
      if (at < ctx.currentTime + 0.02) continue;
      scheduleBeep(ctx, at);
      beeps.push(at);
    }
    while (beeps.length > 4) beeps.shift();
  };
  schedule();
  setInterval(schedule, 200);

  const refresh = new RefreshEstimate();
  const heardMs = new Map<number, number>(); // beep's context time → when it is heard
  const draw = (frameMs: number): void => {
    refresh.push(frameMs);
    const pair = clockPair(ctx);
    const heard = beeps.map((b) => heardAtMs(pair, b));
    // the newest estimate of each beep (the clocks' relation is only known once the output plays); only
    // the last few are kept: the page runs for hours
    beeps.forEach((b, i) => heardMs.set(b, Math.round((heard[i] ?? 0) * 10) / 10));
    for (const old of heardMs.keys()) if (heardMs.size > KEPT) heardMs.delete(old);
    diagnostics.beepsHeardMs = [...heardMs.values()];
    const lead = refresh.ms();
    const on = flashOn(frameMs, lead, heard);
    if (on && !diagnostics.flashing) {
      diagnostics.flashShownMs.push(Math.round((frameMs + lead) * 10) / 10);
      if (diagnostics.flashShownMs.length > KEPT) diagnostics.flashShownMs.shift();
    }
    diagnostics.flashing = on;
    diagnostics.outputLatencyMs = ctx.outputLatency * 1000;
    diagnostics.baseLatencyMs = ctx.baseLatency * 1000;
    paint(on, (pair.contextTime + (frameMs + lead - pair.performanceTime) / 1000 - origin) / PERIOD_S);
    requestAnimationFrame(draw);
  };
  requestAnimationFrame(draw);
}

/** The picture: white while flashing; otherwise dark grey with a blue dot that crosses the right at the flash. */
function paint(white: boolean, turns: number): void {
  if (!canvas || !g) return;
  // resized only when the window is (setting the size reallocates the canvas)
  const w = Math.round(canvas.clientWidth * devicePixelRatio);
  const h = Math.round(canvas.clientHeight * devicePixelRatio);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  g.fillStyle = white ? '#ffffff' : '#202020';
  g.fillRect(0, 0, w, h);
  if (white) return;
  const angle = 2 * Math.PI * turns;
  const r = Math.max(4, h / 20);
  g.fillStyle = '#3070ff';
  g.beginPath();
  g.arc(w / 2 + (h / 3) * Math.cos(angle), h / 2 - (h / 3) * Math.sin(angle), r, 0, 2 * Math.PI);
  g.fill();
}

paint(false, 0);
startButton.addEventListener('click', () => {
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  void ctx.resume().then(() => {
    startButton.hidden = true;
    diagnostics.started = true;
    start(ctx);
  });
  document.documentElement.requestFullscreen().catch(() => undefined);
  navigator.wakeLock.request('screen').catch(() => undefined);
});
