// Expected pieces of a source's argv, shared by the argument-builder tests (the tests spell out every
// other argument themselves).
export const SILENCE = ['-re', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];

/** Video to stdout, audio to fd 3: the two outputs every source has. */
export const OUTPUTS = [
  '-map',
  '[v]',
  '-f',
  'rawvideo',
  '-pix_fmt',
  'yuv420p',
  '-flush_packets',
  '1',
  'pipe:1',
  '-map',
  '[a]',
  '-f',
  's16le',
  '-ar',
  '48000',
  '-ac',
  '2',
  '-flush_packets',
  '1',
  'pipe:3',
];
