// Branded ids: a SourceId cannot be passed where a DestinationId is expected.
import { z } from 'zod';

const idPattern = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/;
const idMessage = 'an id is 1-64 characters: letters, digits, "_" or "-", starting with a letter or digit';

export const SourceIdSchema = z.string().regex(idPattern, idMessage).brand<'SourceId'>();
export const DestinationIdSchema = z.string().regex(idPattern, idMessage).brand<'DestinationId'>();
export const LayoutIdSchema = z.string().regex(idPattern, idMessage).brand<'LayoutId'>();
export const SecretRefSchema = z.string().regex(idPattern, idMessage).brand<'SecretRef'>();

export type SourceId = z.infer<typeof SourceIdSchema>;
export type DestinationId = z.infer<typeof DestinationIdSchema>;
export type LayoutId = z.infer<typeof LayoutIdSchema>;
export type SecretRef = z.infer<typeof SecretRefSchema>;

/** Turns a human name into a stem for ids and file names ("Camera 1 (HDMI)" → "camera-1-hdmi"). */
export function slugify(name: string, fallback = 'item'): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return stem === '' ? fallback : stem;
}

/** A fresh id from a name, unique among `taken`. */
export function uniqueId(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = slugify(name);
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}`;
    if (!used.has(candidate)) return candidate;
  }
}
