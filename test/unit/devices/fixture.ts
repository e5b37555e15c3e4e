// Reads a device-listing fixture verbatim (bytes as captured, CRLF kept).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../fixtures/devices/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(ROOT + path, 'utf8');
}

/** Inputs every parser must survive without throwing. */
export const GARBAGE: readonly unknown[] = [
  '',
  '\n\n\r\n',
  'ffmpeg version N-1 Copyright (c) 2000-2024\nError opening input file dummy.\n',
  '[dshow @ 0] "unterminated',
  '[AVFoundation indev @ 0x1] [x] nope',
  '\u0000\u0001\u0002 binary \uFFFD junk ] [ @ 0x',
  "Supported formats for 'X':\n\tHp30\t\tNaNxNaN at 0/0 fps\n",
  'x'.repeat(100_000),
  undefined,
  null,
  42,
  { not: 'text' },
];
