// regie-core: the headless core. Prints one JSON "ready" line on stdout; logs go to stderr and the data dir.
// SIGINT/SIGTERM stop every child and finalize recordings before exiting.
import { FfmpegNotFoundError } from './ffmpeg/resolve.js';
import { ShowFileError } from './show/load.js';
import type { RunningCore } from './core.js';
import { startCore } from './core.js';
import { USAGE, UsageError, parseCoreOptions } from './options.js';

function fail(message: string, code: number): never {
  process.stderr.write(`regie-core: ${message}\n`);
  process.exit(code);
}

export async function main(argv: readonly string[]): Promise<void> {
  let opts;
  try {
    opts = parseCoreOptions(argv, process.env);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message}\n\n${USAGE}`, 64);
    throw err;
  }
  if (opts === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  let core: RunningCore;
  try {
    core = await startCore(opts);
  } catch (err) {
    if (err instanceof ShowFileError) fail(err.message, 65);
    if (err instanceof FfmpegNotFoundError) fail(err.message, 69);
    if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE')
      fail(`port ${opts.port} is already in use; pick another with --port (0 picks a free one)`, 69);
    fail(err instanceof Error ? err.message : String(err), 70);
  }
  process.stdout.write(
    JSON.stringify({ event: 'ready', url: core.url, token: core.token, pid: process.pid }) + '\n',
  );

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`regie-core: ${signal}: stopping\n`);
    const force = setTimeout(() => fail('shutdown took more than 10 s; exiting anyway', 70), 10_000);
    force.unref();
    core
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) =>
        fail(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`, 70),
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main(process.argv.slice(2)).catch((err: unknown) =>
  fail(err instanceof Error ? (err.stack ?? err.message) : String(err), 70),
);
