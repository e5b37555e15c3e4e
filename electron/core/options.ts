// Command-line and environment options of regie-core, validated with zod.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const CoreOptionsSchema = z.object({
  show: z.string().min(1).nullable(),
  demo: z.boolean(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  token: z.string().min(8, 'the token must be at least 8 characters').nullable(),
  dataDir: z.string().min(1),
  oscPort: z.number().int().min(0).max(65535).nullable(),
  oscHost: z.string().min(1).nullable(),
  oscAllow: z.array(z.string().min(1)).nullable(),
});
export type CoreOptions = z.infer<typeof CoreOptionsSchema>;

export const USAGE = `Usage: regie-core [options]

  --show FILE       load this show file (JSON, "version": 1); operator changes are saved back to it
  --demo            run the built-in demo show (two test sources in picture-in-picture, 1280x720@30)
  --host ADDR       address to listen on (default 127.0.0.1; 0.0.0.0 exposes the API on the LAN)
  --port N          HTTP/WebSocket port (default 7420; 0 picks a free port)
  --token T         API token (default: REGIE_TOKEN, else a random one printed in the ready line)
  --data-dir DIR    recordings, logs, secrets and state (default ~/.local/share/regie, or REGIE_DATA_DIR)
  --osc-port N      OSC control port (default: the show file's control.osc, else off)
  --osc-host ADDR   address the OSC server binds (default 127.0.0.1; OSC has no token)
  --osc-allow LIST  comma-separated sender IPs allowed to send OSC (default: any that can reach it)
  --help            this text

When ready, prints one JSON line on stdout: {"event":"ready","url":…,"token":…,"pid":…}
Environment: REGIE_FFMPEG, REGIE_FFPROBE (ffmpeg to use), REGIE_LOG_LEVEL (debug|info|warn|error).`;

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (env.REGIE_DATA_DIR !== undefined && env.REGIE_DATA_DIR !== '') return env.REGIE_DATA_DIR;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Regie');
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Regie');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'regie');
}

export class UsageError extends Error {}

function intOption(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number (got "${value}")`);
  return Number(value);
}

export function parseCoreOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CoreOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        show: { type: 'string' },
        demo: { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string' },
        token: { type: 'string' },
        'data-dir': { type: 'string' },
        'osc-port': { type: 'string' },
        'osc-host': { type: 'string' },
        'osc-allow': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.show !== undefined && v.demo) throw new UsageError('--show and --demo cannot be used together');
  const result = CoreOptionsSchema.safeParse({
    show: v.show ?? null,
    demo: v.demo,
    host: v.host,
    port: intOption('port', v.port) ?? 7420,
    token: v.token ?? (env.REGIE_TOKEN !== undefined && env.REGIE_TOKEN !== '' ? env.REGIE_TOKEN : null),
    dataDir: v['data-dir'] ?? defaultDataDir(env),
    oscPort: intOption('osc-port', v['osc-port']),
    oscHost: v['osc-host'] ?? null,
    oscAllow:
      v['osc-allow'] === undefined
        ? null
        : v['osc-allow']
            .split(',')
            .map((a) => a.trim())
            .filter((a) => a !== ''),
  });
  if (!result.success) {
    throw new UsageError(
      result.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}
