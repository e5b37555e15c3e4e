// Break slate (pause / closed), logo and timestamp band.
import { useEffect, useState } from 'react';
import type { CoreState } from '../../../electron/shared/state.js';
import { act, useClient } from '../hooks.js';

export function Toggles({ state }: { state: CoreState }) {
  const client = useClient();
  const blank = state.program.blank;
  const ov = state.show.overlays;
  // the logo settings survive switching it off, so it can come back
  const [lastLogo, setLastLogo] = useState(ov.logo);
  useEffect(() => {
    if (ov.logo !== null) setLastLogo(ov.logo);
  }, [ov.logo]);
  const slate = (s: 'break' | 'closed') => act(client['program.setBlank']({ slate: blank === s ? null : s }));
  return (
    <div className="toggles" role="group" aria-label="Slates and overlays">
      <button
        type="button"
        aria-pressed={blank === 'break'}
        title="Break slate: we will be right back (B)"
        onClick={() => slate('break')}
      >
        Break
      </button>
      <button
        type="button"
        aria-pressed={blank === 'closed'}
        title="Closed slate: the end"
        onClick={() => slate('closed')}
      >
        Closed
      </button>
      <button
        type="button"
        aria-pressed={ov.logo !== null}
        disabled={lastLogo === null}
        title={lastLogo === null ? 'No logo in the show file' : 'Logo'}
        onClick={() => act(client['program.setOverlays']({ logo: ov.logo !== null ? null : lastLogo }))}
      >
        Logo
      </button>
      <button
        type="button"
        aria-pressed={ov.timestamp}
        title="Timestamp band (a clock with milliseconds, to measure the viewers' lag)"
        onClick={() => act(client['program.setOverlays']({ timestamp: !ov.timestamp }))}
      >
        Timestamp
      </button>
    </div>
  );
}
