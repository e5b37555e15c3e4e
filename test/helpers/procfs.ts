// Process checks through /proc (Linux): who are the descendants of a pid, and are they gone.
import { descendants, isAlive, processTable } from '../../electron/core/process/tree.js';

export function descendantsOf(pid: number): number[] {
  return descendants(pid, processTable());
}

/** Processes still alive among `pids`, ignoring zombies. */
export function stillAlive(pids: number[]): number[] {
  return pids.filter((p) => isAlive(p) && !isZombie(p));
}

import { readFileSync } from 'node:fs';
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}
