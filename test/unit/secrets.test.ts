import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redact } from '../../electron/core/log/redact.js';
import { SecretsStore } from '../../electron/core/secrets/store.js';

const dir = mkdtempSync(join(tmpdir(), 'regie-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SecretsStore', () => {
  it('keeps secrets in a 0600 file, lists them masked, and reloads them', () => {
    const store = new SecretsStore(dir);
    store.set('youtube-key', 'abcd-1234-efgh-5678');
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.listMasked()).toEqual([{ ref: 'youtube-key', masked: 'ab••••••5678' }]);
    const again = new SecretsStore(dir);
    expect(again.get('youtube-key')).toBe('abcd-1234-efgh-5678');
    expect(redact('key=abcd-1234-efgh-5678')).not.toContain('abcd-1234-efgh-5678');
    expect(again.delete('youtube-key')).toBe(true);
    expect(again.delete('youtube-key')).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, secrets: {} });
  });
});
