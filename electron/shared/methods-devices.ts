// The devices.* methods of the method table (spread into `methods` in methods.ts).
import { z } from 'zod';
import { DeviceListSchema } from './devices.js';
import type { MethodDef } from './methods.js';

export const deviceMethods = {
  'devices.list': {
    description:
      'Capture devices (video and audio) with their modes, and the status of every capture backend: an ' +
      'unavailable backend says why (not on this OS, not in this ffmpeg, no sound server…). Follows ' +
      'hot-plug: the same list is in the state under `devices`.',
    args: z.object({}).strict(),
    result: DeviceListSchema,
    example: {},
  },
  'devices.refresh': {
    description:
      'Enumerate the capture devices again now, modes included, and return the new list. Hot-plug ' +
      'keeps the list current without it; use it after changing drivers or settings.',
    args: z.object({}).strict(),
    result: DeviceListSchema,
    example: {},
  },
} as const satisfies Record<string, MethodDef>;
