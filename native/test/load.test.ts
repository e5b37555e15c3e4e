import { afterEach, describe, expect, it } from 'vitest';

import { isCompositorAvailable } from '../index.js';
import { loadAddon } from '../load.js';

describe('loadAddon', () => {
  afterEach(() => {
    delete process.env.REGIE_COMPOSITOR_ADDON;
  });

  it('says how to build the addon when it is missing', () => {
    process.env.REGIE_COMPOSITOR_ADDON = '/nonexistent/regie_compositor.node';
    expect(() => loadAddon()).toThrow(/not built.*npm run build:native/);
    expect(isCompositorAvailable()).toBe(false);
  });

  it('loads the built addon', () => {
    expect(isCompositorAvailable()).toBe(true);
    expect(typeof loadAddon().compose).toBe('function');
  });
});
