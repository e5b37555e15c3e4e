import type { Logger } from '../../electron/core/log/logger.js';

/** A logger that records instead of printing. */
export function recordingLogger(name = 'test'): Logger & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const make = (n: string): Logger & { lines: typeof lines } => ({
    name: n,
    lines,
    debug: (msg) => lines.push({ level: 'debug', msg }),
    info: (msg) => lines.push({ level: 'info', msg }),
    warn: (msg) => lines.push({ level: 'warn', msg }),
    error: (msg) => lines.push({ level: 'error', msg }),
    child: (sub) => make(`${n}.${sub}`),
  });
  return make(name);
}
