// The method implementations. Each changes the show through ShowModel (validated, saved, applied).
import { ApiError } from '../../shared/errors.js';
import type { Handlers, MethodParsedArgs } from '../../shared/methods.js';
import type { DestinationId, SecretRef, SourceId } from '../../shared/ids.js';
import { uniqueId } from '../../shared/ids.js';
import { BuiltinLayoutSchema } from '../../shared/show.js';
import type { ProgramScene, Show, SourceAudio } from '../../shared/show.js';
import type { ShowModel } from '../show/model.js';
import type { SecretsStore } from '../secrets/store.js';
import { mask } from '../log/redact.js';
import type { StateStore } from '../state/store.js';
import type { MediaEngine } from '../media.js';
import type { ProgramOutputs } from '../program-outputs.js';
import type { DeviceService } from '../devices/service.js';
import { createDeviceHandlers } from '../devices/handlers.js';
import { createAudioHandlers } from '../audio/handlers.js';
import { createOutputHandlers } from '../outputs/handlers.js';

export interface HandlerDeps {
  model: ShowModel;
  secrets: SecretsStore;
  store: StateStore;
  media: MediaEngine;
  outputs: ProgramOutputs;
  devices: DeviceService;
}

type SceneArgs = MethodParsedArgs<'preview.setLayout'>;

/** A scene from layout arguments: the layout must exist, its sources too, and enough of them. */
function sceneFrom(method: string, args: SceneArgs, base: ProgramScene, show: Show): ProgramScene {
  const layout = args.layout;
  const builtin = BuiltinLayoutSchema.safeParse(layout).success;
  const custom = show.layouts.find((l) => l.id === layout);
  if (!builtin && !custom) {
    throw new ApiError(
      'invalid_argument',
      `${method}: $.layout: no layout "${layout}" (built in: full, pip, sideBySide, lecture)`,
    );
  }
  const given = args.sources ?? [args.a, args.b].filter((s): s is SourceId => s !== undefined);
  const chosen = given.length > 0 ? given : base.sources;
  for (const id of chosen) {
    if (!show.sources.some((s) => s.id === id))
      throw new ApiError('invalid_argument', `${method}: unknown source "${id}"`);
  }
  const needed = layout === 'full' ? 1 : custom ? Math.min(custom.slots.length, 2) : 2;
  if (chosen.length < needed) {
    throw new ApiError(
      'invalid_argument',
      `${method}: layout "${layout}" needs ${needed} source${needed > 1 ? 's (a and b)' : ' (a)'}`,
    );
  }
  return { layout, sources: chosen, corner: args.corner ?? base.corner, size: args.size ?? base.size };
}

export function createHandlers({ model, secrets, store, media, outputs, devices }: HandlerDeps): Handlers {
  const publishSecrets = (): void => store.update((s) => void (s.secrets = secrets.listMasked()));
  const setAudio = (id: SourceId, change: (audio: SourceAudio) => void): void => {
    const index = model.show.sources.findIndex((s) => s.id === id);
    if (index < 0) throw new ApiError('not_found', `no source "${id}"`);
    model.change((draft) => {
      const src = draft.sources[index];
      if (src) change(src.mixer);
    });
  };

  return {
    ...createDeviceHandlers(devices),
    ...createAudioHandlers(model, media),
    ...createOutputHandlers({
      outputs,
      model,
      secrets,
      store,
      encoderSpeed: () => media.stats().encoder?.speed ?? null,
    }),
    'core.ping': () => ({ pong: true, time: new Date().toISOString() }),
    'core.capabilities': () => store.get().ffmpeg,
    'show.get': () => model.show,
    'show.save': () => ({ path: model.saveNow() }),

    'program.setLayout': (args) => {
      const scene = sceneFrom('program.setLayout', args, model.show.scene, model.show);
      const transition = args.transition ?? { type: 'cut' as const, ms: 0 };
      media.setScene({ ...model.show, scene }, transition);
      model.change((draft) => void (draft.scene = scene));
      return model.show.scene;
    },

    'preview.setLayout': (args) => {
      const scene = sceneFrom('preview.setLayout', args, store.get().preview, model.show);
      store.update((s) => void (s.preview = scene));
      return scene;
    },

    'program.take': (args) => {
      const next = store.get().preview;
      for (const id of next.sources) {
        if (!model.show.sources.some((s) => s.id === id))
          throw new ApiError('conflict', `program.take: the preview shows "${id}", which no longer exists`);
      }
      const previous = model.show.scene;
      media.setScene({ ...model.show, scene: next }, args.transition ?? { type: 'fade', ms: 500 });
      model.change((draft) => void (draft.scene = next));
      store.update((s) => void (s.preview = previous));
      return model.show.scene;
    },

    'program.setBlank': ({ slate }) => {
      media.setBlank(slate);
      store.update((s) => void (s.program.blank = slate));
      return { blank: slate };
    },

    'program.setOverlays': async (changes) => {
      const next = { ...model.show.overlays, ...changes };
      await media.setOverlays(next);
      model.change((draft) => void (draft.overlays = next));
      return model.show.overlays;
    },

    'program.setFormat': (format) => {
      const p = store.get().program;
      if (p.live || p.recording)
        throw new ApiError('conflict', 'program.setFormat: stop streaming and recording first');
      model.change((draft) => void (draft.program = format));
      return model.show.program;
    },

    'encoder.configure': (changes) => {
      if (store.get().program.live) throw new ApiError('conflict', 'encoder.configure: stop streaming first');
      model.change((draft) => void (draft.encoder = { ...draft.encoder, ...changes }));
      return model.show.encoder;
    },

    'audio.setGain': ({ source, db }) => {
      setAudio(source, (a) => void (a.gainDb = db));
      return { ok: true as const };
    },

    'audio.setMute': ({ source, muted }) => {
      setAudio(source, (a) => void (a.muted = muted));
      return { ok: true as const };
    },

    'audio.setSolo': ({ source, solo }) => {
      if (!model.show.sources.some((s) => s.id === source))
        throw new ApiError('not_found', `no source "${source}"`);
      const soloed = media.setSolo(source, solo) as SourceId[];
      store.update((s) => void (s.audio.solo = soloed));
      return { solo: soloed };
    },

    'audio.setFollowsVideo': ({ source, on }) => {
      setAudio(source, (a) => void (a.followsVideo = on));
      return { ok: true as const };
    },

    'source.add': (args) => {
      const show = model.show;
      const id =
        args.id ??
        uniqueId(
          args.name,
          show.sources.map((s) => s.id),
        );
      if (show.sources.some((s) => s.id === id))
        throw new ApiError('conflict', `a source "${id}" already exists`);
      model.change((draft) => void draft.sources.push({ ...args, id: id as SourceId }));
      return { id: id as SourceId };
    },

    'source.update': ({ id, changes }) => {
      const index = model.show.sources.findIndex((s) => s.id === id);
      const current = model.show.sources[index];
      if (current === undefined) throw new ApiError('not_found', `no source "${id}"`);
      if ('id' in changes || ('kind' in changes && changes.kind !== current.kind)) {
        throw new ApiError(
          'invalid_argument',
          'source.update: the id and the kind of a source cannot change',
        );
      }
      model.change((draft) => void (draft.sources[index] = { ...current, ...changes }));
      return { ok: true as const };
    },

    'source.remove': ({ id }) => {
      if (!model.show.sources.some((s) => s.id === id)) throw new ApiError('not_found', `no source "${id}"`);
      if (model.show.encoder.slidesTrack?.source === id)
        throw new ApiError(
          'conflict',
          `source "${id}" carries the slides track: give the slides track another source, or remove it, first (encoder.configure)`,
        );
      model.change((draft) => {
        draft.sources = draft.sources.filter((s) => s.id !== id);
        draft.scene.sources = draft.scene.sources.filter((s) => s !== id);
      });
      return { ok: true as const };
    },

    'destination.add': async (args) => {
      const { key: streamKey, ...rest } = args;
      const show = model.show;
      const id = (args.id ??
        uniqueId(
          args.name,
          show.destinations.map((d) => d.id),
        )) as DestinationId;
      if (show.destinations.some((d) => d.id === id))
        throw new ApiError('conflict', `a destination "${id}" already exists`);
      let keyRef = rest.keyRef;
      if (streamKey !== undefined) {
        keyRef = (keyRef ?? `${id}-key`) as SecretRef;
        secrets.set(keyRef, streamKey);
        publishSecrets();
      } else if (keyRef !== undefined && !secrets.has(keyRef)) {
        throw new ApiError(
          'invalid_argument',
          `destination.add: $.keyRef: no secret "${keyRef}" (use secrets.set first)`,
        );
      }
      model.change(
        (draft) => void draft.destinations.push({ ...rest, id, ...(keyRef !== undefined ? { keyRef } : {}) }),
      );
      await outputs.sync(model.show);
      return { id };
    },

    'destination.start': async ({ id }) => {
      await outputs.sync(model.show);
      outputs.startDestination(id);
      return { ok: true as const };
    },

    'destination.stop': async ({ id }) => {
      await outputs.stopDestination(id);
      return { ok: true as const };
    },

    'stream.start': async () => {
      await outputs.sync(model.show);
      const started = outputs.startStream() as DestinationId[];
      store.update((s) => {
        if (!s.program.live) s.program.liveSince = new Date().toISOString();
        s.program.live = true;
      });
      return { started };
    },

    'stream.stop': async () => {
      await outputs.stopStream();
      store.update((s) => {
        s.program.live = false;
        s.program.liveSince = null;
      });
      return { ok: true as const };
    },

    'record.start': () => {
      const started = outputs.startRecording();
      store.update((s) => void (s.program.recording = true));
      return started;
    },

    'record.stop': async () => {
      const stopped = await outputs.stopRecording();
      store.update((s) => void (s.program.recording = false));
      return stopped;
    },

    'destination.remove': async ({ id }) => {
      const dest = model.show.destinations.find((d) => d.id === id);
      if (dest === undefined) throw new ApiError('not_found', `no destination "${id}"`);
      model.change((draft) => void (draft.destinations = draft.destinations.filter((d) => d.id !== id)));
      await outputs.sync(model.show);
      if (dest.keyRef !== undefined && !model.show.destinations.some((d) => d.keyRef === dest.keyRef)) {
        secrets.delete(dest.keyRef);
        publishSecrets();
      }
      return { ok: true as const };
    },

    'secrets.set': ({ ref, value }) => {
      secrets.set(ref, value);
      publishSecrets();
      return { ref, masked: mask(value) };
    },

    'secrets.delete': ({ ref }) => {
      if (model.show.destinations.some((d) => d.keyRef === ref)) {
        throw new ApiError(
          'conflict',
          `secret "${ref}" is used by a destination; remove the destination first`,
        );
      }
      if (!secrets.delete(ref)) throw new ApiError('not_found', `no secret "${ref}"`);
      publishSecrets();
      return { ok: true as const };
    },
  };
}
