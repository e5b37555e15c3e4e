// Recording file names, and the marker that tells the next launch a recording did not finish cleanly.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { isAlive } from '../process/tree.js';
import { slugify as slugifyName } from '../../shared/ids.js';

export const MARKER_NAME = '.recording-active.json';

export function markerPath(dir: string): string {
  return join(dir, MARKER_NAME);
}

/** "Conférence SSTIC 2025 — Jour 1" → "conference-sstic-2025-jour-1" (the shared id rules). */
export function slugify(name: string): string {
  return slugifyName(name, 'recording');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD_HH-MM-SS_<show-slug>_<nnn>.ts`, in local time; index counts from 1. */
export function segmentFileName(at: Date, showName: string, index: number): string {
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return `${date}_${time}_${slugify(showName)}_${pad(index, 3)}.ts`;
}

export const MarkerSchema = z.object({
  version: z.literal(1),
  pid: z.number().int(),
  startedAt: z.string(),
  show: z.string(),
  /** File names (in the same directory), in order. */
  segments: z.array(z.string()),
});
export type RecordingMarker = z.infer<typeof MarkerSchema>;

export interface UnfinishedRecording {
  marker: string;
  pid: number;
  startedAt: string;
  show: string;
  /** Segments that exist, with their size; MPEG-TS is readable up to the last byte written. */
  segments: { path: string; bytes: number }[];
}

export function readMarker(dir: string): RecordingMarker | null {
  const path = markerPath(dir);
  if (!existsSync(path)) return null;
  try {
    const parsed = MarkerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What a crashed run left in `dir`: a marker whose process is gone (a marker of a live process is a
 * recording in progress, not a leftover). A marker that cannot be read is reported with no segments.
 */
export function findUnfinishedRecordings(
  dir: string,
  isRunning: (pid: number) => boolean = isAlive,
): UnfinishedRecording[] {
  const path = markerPath(dir);
  if (!existsSync(path)) return [];
  const marker = readMarker(dir);
  if (!marker) return [{ marker: path, pid: 0, startedAt: '', show: '', segments: [] }];
  if (isRunning(marker.pid)) return [];
  const segments: { path: string; bytes: number }[] = [];
  for (const name of marker.segments) {
    const file = join(dir, basename(name));
    try {
      segments.push({ path: file, bytes: statSync(file).size });
    } catch {
      // never created, or removed since
    }
  }
  return [{ marker: path, pid: marker.pid, startedAt: marker.startedAt, show: marker.show, segments }];
}
