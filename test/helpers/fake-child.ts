// A fake child process for supervisor unit tests: the test decides when it spawns, writes and exits.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ChildLike, SpawnFn } from '../../electron/core/process/supervisor.js';

export class FakeChild extends EventEmitter implements ChildLike {
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  stdinText = '';

  constructor(readonly pid: number) {
    super();
    this.stdin.on('data', (d: Buffer) => (this.stdinText += d.toString()));
  }

  spawned(): void {
    this.emit('spawn');
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.emit('exit', code, signal);
  }
}

export function fakeSpawner(): {
  spawn: SpawnFn;
  children: FakeChild[];
  calls: { command: string; args: readonly string[] }[];
} {
  const children: FakeChild[] = [];
  const calls: { command: string; args: readonly string[] }[] = [];
  const spawn: SpawnFn = (command, args) => {
    calls.push({ command, args });
    const child = new FakeChild(1000 + children.length);
    children.push(child);
    return child;
  };
  return { spawn, children, calls };
}
