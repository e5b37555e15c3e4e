// The operator console: one screen (top bar, studio monitors, multiview, mixer, upstream health, status
// bar) with dialogs for editing and confirmations. `?view=program` or `?view=source&id=…` shows only that
// picture, full window, for a projector or an overflow room (the desktop app's second window).
import { useEffect } from 'react';
import type { Client } from '../../electron/shared/client.js';
import type { CoreState } from '../../electron/shared/state.js';
import { ConfirmDialog, GoLiveDialog } from './components/Confirm.js';
import { DestinationEditor } from './components/DestinationEditor.js';
import { ProfileDialog } from './components/ProfileDialog.js';
import { Health } from './components/Health.js';
import { HelpOverlay } from './components/Help.js';
import { Mixer } from './components/Mixer.js';
import { Monitors, useAB } from './components/Monitors.js';
import { Multiview } from './components/Multiview.js';
import { SourceEditor } from './components/SourceEditor.js';
import { StatusBar } from './components/StatusBar.js';
import { TopBar } from './components/TopBar.js';
import { act, ClientContext, useClient } from './hooks.js';
import { layoutChoices } from './layouts.js';
import { Preview } from './Preview.js';
import { actionFor } from './shortcuts.js';
import { useConsole } from './store.js';

function Banner({ overlay = false }: { overlay?: boolean }) {
  const everConnected = useConsole((s) => s.everConnected);
  return (
    <div className={overlay ? 'banner overlay' : 'banner'} role="alert">
      {everConnected
        ? 'Core unreachable: it is restarting or stopped. Reconnecting…'
        : 'Core unreachable: reconnecting… (check the address and its ?token=)'}
    </div>
  );
}

function Dialogs({ state }: { state: CoreState }) {
  const dialog = useConsole((s) => s.dialog);
  const client = useClient();
  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'goLive':
      return <GoLiveDialog state={state} />;
    case 'stopStream':
      return (
        <ConfirmDialog
          title="End the stream?"
          text="Every destination stops. The recording goes on."
          confirm="End stream"
          onConfirm={() => client['stream.stop']()}
        />
      );
    case 'stopRecord':
      return (
        <ConfirmDialog
          title="Stop recording?"
          text="The current file is closed. The stream goes on."
          confirm="Stop recording"
          onConfirm={() => client['record.stop']()}
        />
      );
    case 'source':
      return <SourceEditor state={state} id={dialog.id} />;
    case 'destination':
      return <DestinationEditor state={state} id={dialog.id} />;
    case 'profile':
      return <ProfileDialog state={state} />;
    case 'help':
      return <HelpOverlay />;
  }
}

function Console({ state, client }: { state: CoreState; client: Client }) {
  const ab = useAB(state);
  const lastError = useConsole((s) => s.lastError);
  useShortcuts(state, client, ab[0], ab[1]);
  return (
    <div className="console">
      <TopBar state={state} />
      <div className="workspace">
        <div className="left">
          <Monitors state={state} ab={ab} />
          <Multiview state={state} onPick={(id) => ab[2](id, ab[1])} />
          <Health state={state} />
        </div>
        <Mixer state={state} />
      </div>
      {lastError !== null ? (
        <p role="alert" className="error-line" onClick={() => useConsole.getState().setError(null)}>
          {lastError}
        </p>
      ) : null}
      <StatusBar state={state} />
      <Dialogs state={state} />
    </div>
  );
}

function useShortcuts(state: CoreState, client: Client, a: string | undefined, b: string | undefined): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const store = useConsole.getState();
      const el = e.target as HTMLElement | null;
      const targetIsField =
        el !== null && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA');
      const action = actionFor({
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        targetIsField,
      });
      if (action === null) return;
      if (store.dialog !== null) return;
      // Space and Enter on a button reached with the keyboard (its focus ring shows) press that button, as
      // the operator who tabbed to it expects. A button that only kept the focus after a mouse click would
      // be pressed again by them: there the shortcut wins, once.
      if ((e.key === ' ' || e.key === 'Enter') && el?.tagName === 'BUTTON' && el.matches(':focus-visible'))
        return;
      e.preventDefault();
      const { transition } = store;
      switch (action.kind) {
        case 'layout': {
          const c = layoutChoices(state.show.layouts).find((l) => l.key === action.key);
          if (c) act(client['preview.setLayout'](c.args(a, b, state.preview.corner)));
          return;
        }
        case 'take': {
          const type = action.transition ?? transition.type;
          act(client['program.take']({ transition: { type, ms: type === 'cut' ? 0 : transition.ms } }));
          return;
        }
        case 'break':
          act(client['program.setBlank']({ slate: state.program.blank === 'break' ? null : 'break' }));
          return;
        case 'timestamp':
          act(client['program.setOverlays']({ timestamp: !state.show.overlays.timestamp }));
          return;
        case 'goLive':
          store.openDialog(state.program.live ? { kind: 'stopStream' } : { kind: 'goLive' });
          return;
        case 'record':
          if (state.recording.active) store.openDialog({ kind: 'stopRecord' });
          else act(client['record.start']());
          return;
        case 'help':
          store.openDialog({ kind: 'help' });
          return;
      }
    };
    // the desktop app's Help → Keyboard shortcuts menu item
    const onMenu = (e: Event): void => {
      const detail = (e as CustomEvent<unknown>).detail;
      if (
        typeof detail === 'object' &&
        detail !== null &&
        (detail as { command?: unknown }).command === 'shortcuts'
      )
        useConsole.getState().openDialog({ kind: 'help' });
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('regie:menu', onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('regie:menu', onMenu);
    };
  }, [state, client, a, b]);
}

function SingleView({ params }: { params: URLSearchParams }) {
  const id = params.get('id');
  const kind = params.get('view') === 'source' && id !== null ? 'source' : 'program';
  return (
    <div className="single-view">
      <Preview
        kind={kind}
        id={kind === 'source' && id !== null ? id : 'program'}
        label="Full-screen view"
        width={640}
      />
    </div>
  );
}

export function App({ client }: { client: Client }) {
  const connected = useConsole((s) => s.connected);
  const state = useConsole((s) => s.state);
  const params = new URLSearchParams(window.location.search);
  const view = params.get('view');
  if (state === null) return <Banner />;
  // A lost connection keeps the last state on screen, dimmed under the banner, so an open dialog and what
  // the operator typed in it survive a core restart; calls fail with "not connected" until it is back.
  return (
    <ClientContext.Provider value={client}>
      {connected ? null : <Banner overlay />}
      <div className={connected ? 'view' : 'view stale'} aria-busy={!connected}>
        {view === 'program' || view === 'source' ? (
          <SingleView params={params} />
        ) : (
          <Console state={state} client={client} />
        )}
      </div>
    </ClientContext.Provider>
  );
}
