// Pure parsers of device listings (ffmpeg, pactl, arecord, v4l2-ctl, sysfs) and the mode picker.
export { parseDshowDevices, parseDshowOptions } from './dshow.js';
export { parseAvfoundationDevices } from './avfoundation.js';
export { parseV4l2FormatList, parseV4l2Formats, type V4l2Format } from './v4l2.js';
export { parseV4l2CtlFormats } from './v4l2ctl.js';
export { readV4l2Sysfs, cleanV4l2Name } from './v4l2-sysfs.js';
export { parseDecklinkDevices, parseDecklinkFormats, decklinkFormatsDeviceName } from './decklink.js';
export {
  parseFfmpegSourceList,
  parseFfmpegSources,
  type FfmpegSource,
  type FfmpegSourcesResult,
} from './sources.js';
export { parsePactlSources, parsePactlJsonSources } from './pulse.js';
export { parseArecordList, parseAsoundCards, asoundCardsToDevices, type AsoundCard } from './alsa.js';
export {
  backendStatusesFromDevices,
  backendStatusFromError,
  missingBackendReason,
  parseFfmpegInputDevices,
} from './availability.js';
export { pickBestMode, inputOptionsFor, formatRate, type ModePick, type PickOptions } from './mode-picker.js';
export {
  deviceListCommands,
  modeListCommands,
  ffmpegDevicesCommand,
  type ListingCommand,
} from './commands.js';
