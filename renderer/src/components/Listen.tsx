// PFL / program listening: one target at a time, chosen per console (each operator hears his own).
import { useEffect, useState } from 'react';
import { db } from '../format.js';
import { monitorPlayer } from '../monitor.js';
import { useConsole } from '../store.js';

export function ListenButton({ target, label }: { target: string; label: string }) {
  const monitor = useConsole((s) => s.monitor);
  const setMonitor = useConsole((s) => s.setMonitor);
  const on = monitor === target;
  return (
    <button
      type="button"
      className="pfl"
      aria-pressed={on}
      aria-label={`${label}: ${target === 'program' ? 'listen to the program' : 'pre-fade listen'}`}
      title={
        target === 'program'
          ? 'Listen to the program in this console'
          : 'PFL: listen to this source alone in this console (the program is not affected)'
      }
      onClick={() => {
        if (on) {
          monitorPlayer.stop();
          setMonitor(null);
        } else {
          monitorPlayer.start();
          setMonitor(target);
        }
      }}
    >
      {target === 'program' ? 'Listen' : 'PFL'}
    </button>
  );
}

/** What this console listens to, with the level received (proves the audio arrives). */
export function MonitorStatus() {
  const monitor = useConsole((s) => s.monitor);
  const [level, setLevel] = useState(-144);
  useEffect(() => {
    const t = setInterval(() => setLevel(monitorPlayer.levelDb()), 250);
    return () => clearInterval(t);
  }, []);
  return (
    <p className="monitor-status small" data-testid="monitor-status" data-level={level.toFixed(1)}>
      {monitor === null ? 'headphones: off' : `headphones: ${monitor} · ${db(level, 'dBFS')}`}
    </p>
  );
}
