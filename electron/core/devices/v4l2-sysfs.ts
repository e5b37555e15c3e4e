// Names and stable ids of V4L2 capture nodes from sysfs, as a pure function of file contents.
// The caller reads, for each /sys/class/video4linux/videoN:
//   "videoN/name"    → contents of the `name` file ("Cam Link 4K: Cam Link 4K\n")
//   "videoN/index"   → contents of `index` (0 = the capture node; UVC adds a metadata node with 1)
//   "videoN/device"  → realpath of the `device` link (the USB interface / PCI function path)
// and passes them in one map. Nothing here touches the file system.
import type { CaptureDevice } from '../../shared/devices.js';
import { makeDeviceId } from './text.js';

const KEY = /^(video\d+)\/(name|index|device)$/;

interface NodeFiles {
  name?: string;
  index?: string;
  device?: string;
}

/** UVC names read "Cam Link 4K: Cam Link 4K"; keep one half when both halves are the same. */
export function cleanV4l2Name(raw: string): string {
  const name = raw.replace(/\s+$/, '').trim();
  const halves = /^(.+?): (.+)$/.exec(name);
  return halves?.[1] && halves[1] === halves[2] ? halves[1] : name;
}

export function readV4l2Sysfs(files: Readonly<Record<string, string>>): CaptureDevice[] {
  const nodes = new Map<string, NodeFiles>();
  for (const [path, content] of Object.entries(files)) {
    const m = KEY.exec(path);
    if (!m?.[1] || !m[2] || typeof content !== 'string') continue;
    const node = nodes.get(m[1]) ?? {};
    node[m[2] as keyof NodeFiles] = content.trim();
    nodes.set(m[1], node);
  }
  const devices: CaptureDevice[] = [];
  for (const [node, f] of [...nodes].sort(([a], [b]) => Number(a.slice(5)) - Number(b.slice(5)))) {
    const index = f.index !== undefined && /^\d+$/.test(f.index) ? Number(f.index) : 0;
    if (index !== 0 || !f.name) continue; // metadata and secondary nodes are not capture sources
    const name = cleanV4l2Name(f.name);
    if (!name) continue;
    const devicePath = f.device && f.device.startsWith('/') ? f.device : undefined;
    devices.push({
      // The bus path survives reboots and renumbering of /dev/videoN; the node name does not.
      id: makeDeviceId('v4l2', devicePath ?? `/dev/${node}`),
      name,
      backend: 'v4l2',
      kind: 'video',
      modes: [],
      input: `/dev/${node}`,
      details: { node: `/dev/${node}`, ...(devicePath ? { busPath: devicePath } : {}) },
    });
  }
  return devices;
}
