// Types shared by the source argument builders.
import type { CaptureDevice } from '../../../shared/devices.js';
import type { ModePick } from '../../devices/mode-picker.js';

/** The program format every source is normalized to. */
export interface ProgramFormat {
  width: number;
  height: number;
  fps: number;
}

export interface SourceArgsOptions {
  /** Whose capture APIs a screen source uses: x11grab (linux), gdigrab (win32), avfoundation (darwin). */
  platform?: NodeJS.Platform;
  /** Devices of the last enumeration (devices.list): how to open an id, and its modes. */
  devices?: readonly CaptureDevice[];
  /** Modes already chosen per device id (pickBestMode, e.g. with an operator override); wins over picking. */
  deviceModes?: Readonly<Partial<Record<string, ModePick>>>;
  /** Capture only this size of a screen (x11grab/gdigrab `-video_size`, from the top-left or display offset). */
  screenSize?: { width: number; height: number };
}

/**
 * The inputs of one source and how the filtergraph gets its streams. A stream reference is a
 * filtergraph input label such as "[0:v:0]", or "" for "the first unused stream of that type" (see
 * graph.ts). `video: null` means "black, made from the audio".
 */
export interface InputPlan {
  inputs: string[][];
  video: string | null;
  audio: string;
  /** Filters before the audio normalization (after -re pacing: a simulated clock drift). */
  audioPre?: string[];
  /** Filters before the video normalization (deinterlacing). */
  videoPre?: string[];
  /** A still picture: normalize the single frame once, then repeat it in real time. */
  still?: boolean;
  /** Audio timestamps read from the wall clock (capture devices): see normalizeAudioFilter. */
  captureAudio?: boolean;
  /**
   * Several inputs captured live (a camera or a screen, and an audio device beside it): they must be
   * read on one clock, see liveInputArgs.
   */
  liveInputs?: boolean;
}
