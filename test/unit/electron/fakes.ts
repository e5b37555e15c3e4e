// Fakes of the Electron objects the shell uses, recording what the code under test does with them.
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { vi } from 'vitest';
import { TypedEmitter } from '../../../electron/core/process/emitter.js';
import type { AppWindowLike, PreventableEvent } from '../../../electron/main/app.js';
import type { CoreChildEvents, CoreConnection } from '../../../electron/main/core-child.js';
import type { HeadersDetailsLike, HeadersResponseLike } from '../../../electron/main/csp.js';
import type { Rect } from '../../../electron/main/program-window.js';
import type { NavigationEventLike, WebContentsLike } from '../../../electron/main/window.js';

type OpenHandler = (details: { url: string }) => { action: 'deny' };
type HeadersListener = (
  details: HeadersDetailsLike,
  callback: (response: HeadersResponseLike) => void,
) => void;
type PermissionHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export class FakeWebContents implements WebContentsLike {
  readonly navigateListeners: ((event: NavigationEventLike) => void)[] = [];
  openHandler: OpenHandler | null = null;
  permissionHandler: PermissionHandler | null = null;
  headersListener: HeadersListener | null = null;
  readonly scripts: string[] = [];
  readonly session = {
    setPermissionRequestHandler: (handler: PermissionHandler): void => {
      this.permissionHandler = handler;
    },
    webRequest: {
      onHeadersReceived: (listener: HeadersListener | null): void => {
        this.headersListener = listener;
      },
    },
  };

  executeJavaScript(code: string): Promise<unknown> {
    this.scripts.push(code);
    return Promise.resolve(undefined);
  }

  /** A response arrives with these headers; returns what the session listener made of them. */
  response(url: string, responseHeaders: Record<string, string[]>): HeadersResponseLike | undefined {
    let out: HeadersResponseLike | undefined;
    this.headersListener?.({ url, responseHeaders }, (r) => (out = r));
    return out;
  }

  on(_event: 'will-navigate', listener: (event: NavigationEventLike) => void): this {
    this.navigateListeners.push(listener);
    return this;
  }

  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }

  /** A navigation the page starts; returns whether it was prevented. */
  navigate(url: string): boolean {
    let prevented = false;
    for (const l of this.navigateListeners) l({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }

  windowOpen(url: string): { action: 'deny' } | undefined {
    return this.openHandler?.({ url });
  }

  permission(name: string): boolean | undefined {
    let granted: boolean | undefined;
    this.permissionHandler?.(this, name, (g) => (granted = g));
    return granted;
  }
}

export class FakeEvent implements PreventableEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeWindow extends EventEmitter implements AppWindowLike {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = false;
  focused = 0;
  minimized = false;
  maximized = false;
  fullScreen = false;
  closed = false;
  bounds: Rect;

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    this.bounds = {
      x: options.x ?? 100,
      y: options.y ?? 100,
      width: options.width ?? 800,
      height: options.height ?? 600,
    };
    this.fullScreen = options.fullscreen ?? false;
  }

  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  close(): void {
    this.tryClose();
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused += 1;
  }

  /** The user clicks the close button; returns whether the close was prevented. */
  tryClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.prevented) {
      this.closed = true;
      this.emit('closed');
    }
    return event.prevented;
  }
}

export class FakeApp extends EventEmitter {
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn(() => {
    if (!this.fire('before-quit')) this.quitted = true;
  });
  readonly getPath = vi.fn((_name: string) => '/tmp/regie-user-data');
  readonly getAppPath = vi.fn(() => '/opt/regie/resources/app');
  isPackaged = false;
  quitted = false;
  private resolveReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  whenReady(): Promise<void> {
    return this.ready;
  }
  becomeReady(): void {
    this.resolveReady();
  }

  /** Emits a preventable app event; returns whether a listener prevented it. */
  fire(name: string): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A core whose life the test drives: ready and down events, and a stop the test completes. */
export class FakeCore extends TypedEmitter<CoreChildEvents> {
  connection: CoreConnection | null = null;
  readonly log: string[] = [];
  readonly start = vi.fn(() => this.log.push('core.start'));
  readonly openShow = vi.fn((show: string) => {
    this.log.push(`core.openShow ${show}`);
    return Promise.resolve();
  });
  private finishStop: () => void = () => undefined;
  readonly stop = vi.fn(() => {
    this.log.push('core.stop');
    return new Promise<void>((resolve) => (this.finishStop = resolve));
  });

  stopped(): void {
    this.log.push('core.stopped');
    this.finishStop();
  }

  ready(url: string, token = 'token-0123456789'): void {
    this.connection = { url, token };
    this.emit('ready', { url, token, pid: 1 });
  }

  down(error: string, failures: number): void {
    this.connection = null;
    this.emit('down', { error, failures, retryInMs: 2000 });
  }
}
