// A hardware encoder is offered only if a 1-second trial encode works on this machine: compiled in is not
// enough (no GPU, no driver, no permission on /dev/dri). Trials run one at a time, in the background.
import { execFile } from 'node:child_process';

export const TRIAL_CODECS = [
  'h264_vaapi',
  'h264_nvenc',
  'h264_qsv',
  'h264_videotoolbox',
  'h264_amf',
] as const;

export function trialArgs(codec: string): string[] {
  const upload =
    codec === 'h264_vaapi' ? ['-vaapi_device', '/dev/dri/renderD128', '-vf', 'format=nv12,hwupload'] : [];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-t',
    '1',
    ...upload,
    '-c:v',
    codec,
    '-f',
    'null',
    '-',
  ];
}

export function trialEncode(
  ffmpeg: string,
  codec: string,
  signal?: AbortSignal,
  timeoutMs = 15_000,
): Promise<{ codec: string; ok: boolean; error: string | null }> {
  return new Promise((resolve) => {
    const options = { timeout: timeoutMs, killSignal: 'SIGKILL' as const, ...(signal ? { signal } : {}) };
    execFile(ffmpeg, trialArgs(codec), options, (err, _stdout, stderr) => {
      if (!err) resolve({ codec, ok: true, error: null });
      else resolve({ codec, ok: false, error: stderr.trim().split('\n').pop() ?? err.message });
    });
  });
}

/** Trials for the compiled-in hardware H.264 encoders; returns the ones that work. Abort to stop early (shutdown). */
export async function workingHardwareEncoders(
  ffmpeg: string,
  compiledIn: readonly string[],
  signal?: AbortSignal,
): Promise<{ working: string[]; failures: Record<string, string> }> {
  const working: string[] = [];
  const failures: Record<string, string> = {};
  for (const codec of TRIAL_CODECS) {
    if (!compiledIn.includes(codec)) continue;
    if (signal?.aborted === true) break;
    const r = await trialEncode(ffmpeg, codec, signal);
    if (r.ok) working.push(codec);
    else failures[codec] = r.error ?? 'failed';
  }
  return { working, failures };
}
