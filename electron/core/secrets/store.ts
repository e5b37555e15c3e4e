// The secrets store of the headless core: one JSON file in the data dir, mode 0600, written atomically.
// Values are registered with the redactor so that they never appear in a log line.
// (In the Electron shell, main may later wrap values with safeStorage; the interface stays the same.)
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/atomic.js';
import { forgetSecret, mask, registerSecret } from '../log/redact.js';

const SecretsFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});

export class SecretsStore {
  private readonly file: string;
  private readonly values = new Map<string, string>();

  constructor(dataDir: string) {
    this.file = join(dataDir, 'secrets.json');
    if (existsSync(this.file)) {
      const parsed = SecretsFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (!parsed.success)
        throw new Error(
          `${this.file}: not a Régie secrets file (${parsed.error.issues[0]?.message ?? 'invalid'})`,
        );
      chmodSync(this.file, 0o600);
      for (const [ref, value] of Object.entries(parsed.data.secrets)) {
        this.values.set(ref, value);
        registerSecret(value);
      }
    }
  }

  get(ref: string): string | undefined {
    return this.values.get(ref);
  }

  has(ref: string): boolean {
    return this.values.has(ref);
  }

  set(ref: string, value: string): void {
    const old = this.values.get(ref);
    if (old !== undefined) forgetSecret(old);
    this.values.set(ref, value);
    registerSecret(value);
    this.persist();
  }

  delete(ref: string): boolean {
    const old = this.values.get(ref);
    if (old === undefined) return false;
    forgetSecret(old);
    this.values.delete(ref);
    this.persist();
    return true;
  }

  /** What the UI and the API may see. */
  listMasked(): { ref: string; masked: string }[] {
    return [...this.values.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([ref, v]) => ({ ref, masked: mask(v) }));
  }

  private persist(): void {
    const body = JSON.stringify({ version: 1, secrets: Object.fromEntries(this.values) }, null, 2);
    writeFileAtomic(this.file, body + '\n', 0o600);
  }
}
