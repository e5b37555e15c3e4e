// The status bar: CPU, memory, encoder fps and speed, dropped ticks, disk, and the core connection.
import type { CoreState } from '../../../electron/shared/state.js';
import { bytes, timeLeft } from '../format.js';
import { useTelemetry } from '../hooks.js';
import { useConsole } from '../store.js';
import { coreHealth, diskInfo, encoderHealth } from '../telemetry.js';

export function StatusBar({ state }: { state: CoreState }) {
  const t = useTelemetry(2);
  const connected = useConsole((s) => s.connected);
  const core = coreHealth(t);
  const enc = encoderHealth(t);
  const disk = diskInfo(t);
  const fps = state.show.program.fps;
  const slow = Number.isFinite(enc.speed) && enc.speed < 0.97;
  return (
    <footer className="statusbar" role="contentinfo">
      <span title="Core and its ffmpeg processes, % of one core">
        CPU {Number.isFinite(core.cpuPct) ? `${Math.round(core.cpuPct)} %` : '—'}
      </span>
      <span>RAM {Number.isFinite(core.rssMB) ? `${Math.round(core.rssMB)} MB` : '—'}</span>
      <span className={enc.process === 'running' ? '' : 'warn'}>
        encoder {enc.process ?? '—'} · {Number.isFinite(enc.fps) ? `${enc.fps.toFixed(0)}/${fps} fps` : '—'} ·{' '}
        <span className={slow ? 'warn' : ''}>
          {Number.isFinite(enc.speed) ? `${enc.speed.toFixed(2)}x` : '—'}
        </span>
      </span>
      <span className={enc.droppedTicks > 0 ? 'warn' : ''}>dropped {enc.droppedTicks}</span>
      <span>compose {Number.isFinite(enc.composeMsAvg) ? `${enc.composeMsAvg.toFixed(1)} ms` : '—'}</span>
      <span className={disk !== null && disk.secondsLeft < 1800 ? 'warn' : ''}>
        disk {disk !== null ? `${bytes(disk.freeBytes)} free · ${timeLeft(disk.secondsLeft)}` : '—'}
      </span>
      <span className="spacer" />
      <span>ffmpeg {state.ffmpeg.version}</span>
      <span className={connected ? 'good' : 'bad'} data-testid="connection">
        ● core {connected ? 'connected' : 'unreachable'}
      </span>
    </footer>
  );
}
