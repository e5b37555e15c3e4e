// Signals a process and all of its descendants. Children are started in their own process group
// (detached), so the group is signalled; descendants that left the group are found through /proc
// (Linux) or ps (macOS). Windows uses taskkill /T.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every process, from /proc/<pid>/stat (Linux) or `ps` elsewhere. */
export function processTable(): Map<number, number> {
  const table = new Map<number, number>();
  if (process.platform === 'linux') {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // The command name is in parentheses and may itself contain spaces or parentheses.
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        table.set(Number(entry), Number(rest[1]));
      } catch {
        // the process ended while we were reading
      }
    }
    return table;
  }
  if (process.platform === 'win32') return table;
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid !== undefined && ppid !== undefined && Number.isFinite(pid)) table.set(pid, ppid);
  }
  return table;
}

export function descendants(pid: number, table = processTable()): number[] {
  const children = new Map<number, number[]>();
  for (const [child, parent] of table) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  const out: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    for (const c of children.get(p) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/** User + system CPU time of a process in clock ticks (Linux /proc; 100 per second), 0 when gone. */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * scope 'tree': the process, its group and every descendant. scope 'group': only the process group, for the
 * leftovers of a child that already exited (its own pid may be reused, its group is ours until emptied).
 */
export function killTree(pid: number, signal: NodeJS.Signals, scope: 'tree' | 'group' = 'tree'): void {
  if (process.platform === 'win32') {
    if (scope === 'group') return;
    try {
      execFileSync('taskkill', ['/pid', String(pid), '/T', ...(signal === 'SIGKILL' ? ['/F'] : [])], {
        stdio: 'ignore',
      });
    } catch {
      // already gone
    }
    return;
  }
  if (scope === 'group') {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is empty
    }
    return;
  }
  let tree: number[] = [];
  try {
    tree = descendants(pid);
  } catch {
    // no process table: the group signal below still reaches the usual tree
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // not a group leader, or already gone
  }
  for (const p of [pid, ...tree]) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
}
