// The audio mixer: a strip per source (meter, fader in dB, mute, solo, audio-follows-video) and the
// program strip with its meter and EBU R128 loudness (momentary, short-term, integrated, range).
import { useEffect, useState } from 'react';
import type { CoreState, SourceStatus } from '../../../electron/shared/state.js';
import { db } from '../format.js';
import { act, useClient, useTelemetry } from '../hooks.js';
import { Meter } from '../Meter.js';
import { SyncControls } from './SyncControls.js';
import { ListenButton, MonitorStatus } from './Listen.js';
import { useConsole } from '../store.js';
import { programAudio, sourceAudio } from '../telemetry.js';

function Fader({ id, name, gainDb }: { id: string; name: string; gainDb: number }) {
  const client = useClient();
  // The fader shows the operator's value until the core has caught up with it (patches arrive after a
  // round trip: taking them at once would make a fast drag or key repeat jump back); on blur the core wins.
  const [local, setLocal] = useState<number | null>(null);
  useEffect(() => {
    if (local !== null && Math.abs(local - gainDb) < 0.01) setLocal(null);
  }, [gainDb, local]);
  const value = local ?? gainDb;
  return (
    <div className="fader">
      <input
        type="range"
        min={-60}
        max={20}
        step={0.5}
        value={value}
        aria-label={`${name} gain`}
        data-testid={`fader-${id}`}
        aria-valuetext={`${value.toFixed(1)} dB`}
        onChange={(e) => {
          const v = Number(e.target.value);
          setLocal(v);
          act(client['audio.setGain']({ source: id, db: v }));
        }}
        onBlur={() => setLocal(null)}
        onDoubleClick={() => act(client['audio.setGain']({ source: id, db: 0 }))}
        title="Double-click: 0 dB"
      />
      <output className="fader-value">
        {value > 0 ? '+' : ''}
        {value.toFixed(1)} dB
      </output>
    </div>
  );
}

export function Mixer({ state }: { state: CoreState }) {
  const client = useClient();
  const t = useTelemetry(4);
  const prog = programAudio(t);
  return (
    <section className="mixer" aria-label="Audio mixer">
      <h2>Audio</h2>
      <MonitorStatus />
      <div className="strips">
        {state.show.sources.map((s) => {
          const solo = state.audio.solo.includes(s.id);
          const a = sourceAudio(t, s.id);
          return (
            <div key={s.id} className={`strip ${s.mixer.muted ? 'muted' : ''}`} data-testid={`strip-${s.id}`}>
              <div className="strip-name" title={s.name}>
                {s.name}
              </div>
              <div className="strip-body">
                <Meter
                  read={() => sourceAudio(useConsole.getState().telemetryData, s.id)}
                  label={`${s.name} meter`}
                  testId={`meter-${s.id}`}
                  width={18}
                  height={180}
                />
                <Fader id={s.id} name={s.name} gainDb={s.mixer.gainDb} />
              </div>
              <div className="strip-readout">{db(a.peakDb)}</div>
              <AudioFaults status={state.sources[s.id]} />
              <SyncControls id={s.id} name={s.name} delayMs={s.mixer.delayMs} audio={a} />
              <div className="strip-buttons">
                <button
                  type="button"
                  className="mute"
                  aria-pressed={s.mixer.muted}
                  onClick={() => act(client['audio.setMute']({ source: s.id, muted: !s.mixer.muted }))}
                >
                  Mute
                </button>
                <ListenButton target={s.id} label={s.name} />
                <button
                  type="button"
                  className="solo"
                  aria-pressed={solo}
                  title="Solo on the program bus (only soloed sources are heard on program)"
                  onClick={() => act(client['audio.setSolo']({ source: s.id, solo: !solo }))}
                >
                  Solo
                </button>
                <button
                  type="button"
                  className="afv"
                  aria-pressed={s.mixer.followsVideo}
                  title="Audio follows video: heard only while on program"
                  onClick={() =>
                    act(client['audio.setFollowsVideo']({ source: s.id, on: !s.mixer.followsVideo }))
                  }
                >
                  AFV
                </button>
              </div>
            </div>
          );
        })}
        <div className="strip program-strip" data-testid="strip-program">
          <div className="strip-name">Program</div>
          <div className="strip-body">
            <Meter
              read={() => programAudio(useConsole.getState().telemetryData)}
              label="Program meter"
              testId="meter-program"
              width={28}
              height={180}
            />
            <dl className="loudness" aria-label="Program loudness (LUFS)">
              <dt />
              <dd className="muted">LUFS</dd>
              <dt>M</dt>
              <dd data-testid="lufs-m">{db(prog.lufsM, '')}</dd>
              <dt>S</dt>
              <dd data-testid="lufs-s">{db(prog.lufsS, '')}</dd>
              <dt>I</dt>
              <dd data-testid="lufs-i">{db(prog.lufsI, '')}</dd>
              <dt>LRA</dt>
              <dd>{Number.isFinite(prog.lra) ? `${prog.lra.toFixed(1)} LU` : '—'}</dd>
            </dl>
          </div>
          <div className="strip-readout">{db(prog.peakDb)}</div>
          <div className="strip-buttons">
            <ListenButton target="program" label="Program" />
          </div>
        </div>
      </div>
    </section>
  );
}

/** A source's audio dropouts and skips since it was added: shown only once there has been one. */
function AudioFaults({ status }: { status: SourceStatus | undefined }) {
  const dropouts = status?.audioUnderruns ?? 0;
  const skips = status?.audioSkips ?? 0;
  if (dropouts === 0 && skips === 0) return null;
  return (
    <div
      className="strip-faults small warn"
      title="Dropouts: the audio ran dry (the source delivered late). Skips: audio skipped to stay in sync after a stall or a burst."
    >
      {dropouts > 0 ? (
        <span>
          {dropouts} dropout{dropouts === 1 ? '' : 's'}
        </span>
      ) : null}
      {skips > 0 ? (
        <span>
          {skips} skip{skips === 1 ? '' : 's'}
        </span>
      ) : null}
    </div>
  );
}
