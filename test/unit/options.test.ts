import { describe, expect, it } from 'vitest';
import { UsageError, parseCoreOptions } from '../../electron/core/options.js';

describe('regie-core options', () => {
  it('has safe defaults: loopback, port 7420, random token, empty show', () => {
    const o = parseCoreOptions([], { HOME: '/home/op', XDG_DATA_HOME: '/data' });
    expect(o).toEqual({
      show: null,
      demo: false,
      host: '127.0.0.1',
      port: 7420,
      token: null,
      dataDir: '/data/regie',
      oscPort: null,
      oscHost: null,
      oscAllow: null,
    });
  });

  it('reads every option', () => {
    const o = parseCoreOptions(
      [
        '--show',
        's.json',
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--token',
        'abcdefgh12',
        '--data-dir',
        '/tmp/d',
        '--osc-port',
        '9000',
        '--osc-host',
        '0.0.0.0',
        '--osc-allow',
        '10.0.0.5, 10.0.0.6',
      ],
      {},
    );
    expect(o).toEqual({
      show: 's.json',
      demo: false,
      host: '0.0.0.0',
      port: 0,
      token: 'abcdefgh12',
      dataDir: '/tmp/d',
      oscPort: 9000,
      oscHost: '0.0.0.0',
      oscAllow: ['10.0.0.5', '10.0.0.6'],
    });
  });

  it('takes the token from REGIE_TOKEN and the data dir from REGIE_DATA_DIR', () => {
    const o = parseCoreOptions(['--demo'], { REGIE_TOKEN: 'fromenv123', REGIE_DATA_DIR: '/srv/regie' });
    expect(o).toMatchObject({ demo: true, token: 'fromenv123', dataDir: '/srv/regie' });
  });

  it('refuses bad input with a usage error', () => {
    expect(() => parseCoreOptions(['--port', 'abc'], {})).toThrow(UsageError);
    expect(() => parseCoreOptions(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseCoreOptions(['--bogus'], {})).toThrow(UsageError);
    expect(() => parseCoreOptions(['--demo', '--show', 'x.json'], {})).toThrow(/cannot be used together/);
    expect(() => parseCoreOptions(['--token', 'short'], {})).toThrow(/at least 8/);
    expect(parseCoreOptions(['--help'], {})).toBe('help');
  });
});
