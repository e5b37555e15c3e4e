// React glue: the typed client in a context, calls that report their errors, and telemetry sampled at a
// low rate for text (the meters read the newest telemetry at the display rate on their own).
import { createContext, useContext, useEffect, useState } from 'react';
import type { Client } from '../../electron/shared/client.js';
import type { JsonValue } from '../../electron/shared/patch.js';
import { useConsole } from './store.js';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const c = useContext(ClientContext);
  if (c === null) throw new Error('no client');
  return c;
}

/** Run a call; its error goes to the console's error line instead of being lost. */
export function act<T>(p: Promise<T>, onOk?: (v: T) => void): void {
  p.then(
    (v) => {
      useConsole.getState().setError(null);
      onOk?.(v);
    },
    (err: unknown) => useConsole.getState().setError(err instanceof Error ? err.message : String(err)),
  );
}

/** The newest telemetry, re-read `hz` times per second (text does not need 25 Hz). */
export function useTelemetry(hz = 4): JsonValue {
  const [data, setData] = useState<JsonValue>(() => useConsole.getState().telemetryData);
  useEffect(() => {
    const t = setInterval(() => setData(useConsole.getState().telemetryData), 1000 / hz);
    return () => clearInterval(t);
  }, [hz]);
  return data;
}

/** Re-render every second (elapsed-time clocks). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}
