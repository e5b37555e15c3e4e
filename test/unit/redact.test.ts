import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addLogSink, configureLogging, createLogger } from '../../electron/core/log/logger.js';
import { mask, redact, registerSecret } from '../../electron/core/log/redact.js';

const dir = mkdtempSync(join(tmpdir(), 'regie-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('redaction', () => {
  it('masks registered secrets wherever they appear', () => {
    registerSecret('live_9f8e7d6c5b4a');
    expect(redact('spawn ffmpeg -f flv rtmp://a/live/live_9f8e7d6c5b4a')).not.toContain('live_9f8e7d6c5b4a');
    expect(mask('live_9f8e7d6c5b4a')).toBe('li••••••5b4a');
  });

  it('masks RTMP stream keys, URL passwords, passphrases and bearer tokens by shape', () => {
    const out = redact(
      'rtmp://ingest.example/live2/abcd-efgh-ijkl-mnop srt://h:9000?mode=caller&passphrase=verysecret123 rtmp://user:pa55word@h/app Authorization: Bearer abcdefghijklmnop',
    );
    expect(out).not.toMatch(/abcd-efgh-ijkl-mnop|verysecret123|pa55word|abcdefghijklmnop/);
    expect(out).toContain('rtmp://ingest.example/live2/ab••••••mnop');
    expect(out).toContain('mode=caller&passphrase=ve••••••t123');
  });

  it('redacts at the logger: neither the file nor the sinks see a secret', () => {
    configureLogging({ dir, consoleLevel: 'error' });
    registerSecret('sk_top_secret_value');
    const seen: string[] = [];
    const off = addLogSink((r) => seen.push(JSON.stringify(r)));
    createLogger('test').info('connecting with sk_top_secret_value', {
      url: 'rtmp://h/app/sk_top_secret_value',
    });
    off();
    const file = readFileSync(join(dir, 'regie.log'), 'utf8');
    expect(file).toContain('connecting with');
    expect(file).not.toContain('sk_top_secret_value');
    expect(seen.join('')).not.toContain('sk_top_secret_value');
  });

  it('rotates the log file at its size limit', () => {
    const rotDir = join(dir, 'rot');
    configureLogging({ dir: rotDir, consoleLevel: 'error', maxBytes: 2000, keepFiles: 2 });
    const log = createLogger('rot');
    for (let i = 0; i < 100; i++) log.info(`line ${i} ${'x'.repeat(50)}`);
    const files = readdirSync(rotDir).sort();
    expect(files).toEqual(['regie.log', 'regie.log.1', 'regie.log.2']);
    expect(readFileSync(join(rotDir, 'regie.log'), 'utf8')).toContain('line 99');
    configureLogging({ maxBytes: 10 * 1024 * 1024, keepFiles: 5 });
  });
});
