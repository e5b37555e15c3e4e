// The devices.* methods, served from the device service.
import type { Handlers } from '../../shared/methods.js';
import type { DeviceService } from './service.js';

export function createDeviceHandlers(
  service: DeviceService,
): Pick<Handlers, 'devices.list' | 'devices.refresh'> {
  return {
    'devices.list': () => service.ready(),
    'devices.refresh': () => service.refresh({ listModes: 'all' }),
  };
}
