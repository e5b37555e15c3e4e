// A private PulseAudio server for the integration tests: its own socket, runtime and state dirs in a
// temp dir, one null sink ("regie_test") whose monitor is the capture source. Clients reach it through
// the environment returned (PULSE_SERVER=unix:…). Works as root (--system=false). Every process started
// here is tracked and killed in afterAll (and at exit as a last resort), and the temp dir removed.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';

const run = promisify(execFile);
const children = new Set<ChildProcess>();
const dirs = new Set<string>();

process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface PulseServer {
  /** Environment for clients (ffmpeg -f pulse, pactl). */
  env: Record<string, string>;
  sink: string;
  /** The capture source that hears what the sink plays. */
  monitor: string;
  pid: number;
  stop: () => Promise<void>;
}

export async function hasPulseaudio(): Promise<boolean> {
  try {
    await run('pulseaudio', ['--version']);
    await run('pactl', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Ends a child: SIGTERM, then SIGKILL after `killMs`; resolves when it has exited. */
export async function stopProcess(child: ChildProcess, killMs = 2000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), killMs);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startPulse(sink = 'regie_test'): Promise<PulseServer> {
  const dir = mkdtempSync(join(tmpdir(), 'regie-pulse-'));
  dirs.add(dir);
  for (const sub of ['run', 'state', 'config']) mkdirSync(join(dir, sub));
  const socket = join(dir, 'native');
  const script = join(dir, 'regie.pa');
  writeFileSync(
    script,
    [
      `load-module module-native-protocol-unix socket=${socket} auth-anonymous=1`,
      `load-module module-null-sink sink_name=${sink} rate=48000 channels=2`,
      '',
    ].join('\n'),
  );
  const home = {
    HOME: dir,
    XDG_RUNTIME_DIR: join(dir, 'run'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    PULSE_RUNTIME_PATH: join(dir, 'run'),
    PULSE_STATE_PATH: join(dir, 'state'),
  };
  const child = track(
    spawn(
      'pulseaudio',
      [
        '-n',
        '--daemonize=no',
        '--system=false',
        '--exit-idle-time=-1',
        '--use-pid-file=false',
        '--disable-shm=true',
        '--log-target=stderr',
        '-F',
        script,
      ],
      { env: { ...process.env, ...home }, stdio: ['ignore', 'ignore', 'pipe'] },
    ),
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const env = { ...home, PULSE_SERVER: `unix:${socket}` };
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      await run('pactl', ['info'], { env: { ...process.env, ...env }, timeout: 2000 });
      return { env, sink, monitor: `${sink}.monitor`, pid: child.pid ?? -1, stop };
    } catch {
      await sleep(100);
    }
  }
  await stop();
  throw new Error(`pulseaudio did not start: ${stderr.trim()}`);
}

/**
 * Plays a sine into the sink for `seconds`, the same on both channels, peak at `dbfs`. A 60 ms buffer
 * keeps the null sink from rendering in large bursts (the default), yet does not underrun on a busy machine.
 */
export function playTone(
  server: PulseServer,
  opts: { hz: number; dbfs: number; seconds: number },
): ChildProcess {
  const gain = (opts.dbfs + 20 * Math.log10(8)).toFixed(4); // lavfi sine peaks at 1/8
  const graph = `sine=frequency=${opts.hz}:sample_rate=48000,volume=${gain}dB,aeval=val(0)|val(0):c=stereo,aformat=channel_layouts=stereo`;
  return track(
    spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-re',
        '-f',
        'lavfi',
        '-i',
        graph,
        '-t',
        String(opts.seconds),
        '-f',
        'pulse',
        '-buffer_duration',
        '60',
        '-device',
        server.sink,
        'regie-test-tone',
      ],
      { env: { ...process.env, ...server.env, PULSE_LATENCY_MSEC: '60' }, stdio: 'ignore' },
    ),
  );
}

export async function stopAllPulse(): Promise<void> {
  await Promise.all([...children].map((c) => stopProcess(c)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs.clear();
}
afterAll(stopAllPulse);
