// The outputs methods served from ProgramOutputs: stream.preflight and profile.apply.
import { ApiError } from '../../shared/errors.js';
import type { DestinationId, SecretRef } from '../../shared/ids.js';
import type { Handlers } from '../../shared/methods.js';
import type { ProgramOutputs } from '../program-outputs.js';
import type { SecretsStore } from '../secrets/store.js';
import type { ShowModel } from '../show/model.js';
import type { StateStore } from '../state/store.js';
import { profilePlan } from './profiles.js';

export interface OutputHandlerDeps {
  outputs: ProgramOutputs;
  model: ShowModel;
  secrets: SecretsStore;
  store: StateStore;
  encoderSpeed: () => number | null;
}

export function createOutputHandlers(
  deps: OutputHandlerDeps,
): Pick<Handlers, 'stream.preflight' | 'profile.apply'> {
  const { outputs, model, secrets, store } = deps;
  return {
    'stream.preflight': ({ timeoutMs }) =>
      outputs.preflight({ timeoutMs, encoderSpeed: deps.encoderSpeed() }),
    'profile.apply': async (args) => {
      if (store.get().program.live) throw new ApiError('conflict', 'profile.apply: stop streaming first');
      const plan = profilePlan(model.show, args);
      const newFormat =
        plan.program !== undefined && JSON.stringify(plan.program) !== JSON.stringify(model.show.program);
      if (newFormat && store.get().program.recording)
        throw new ApiError(
          'conflict',
          `profile.apply: the ${args.profile} profile changes the program format: stop recording first`,
        );
      for (const s of plan.secrets) secrets.set(s.ref, s.value);
      if (plan.secrets.length > 0) store.update((st) => void (st.secrets = secrets.listMasked()));
      model.change((draft) => {
        draft.encoder = plan.encoder;
        if (plan.program !== undefined) draft.program = plan.program;
        if (plan.audioTracks !== undefined) draft.audioTracks = plan.audioTracks;
        draft.renditions = plan.renditions;
        draft.destinations = plan.destinations.map(({ id, keyRef, ...rest }) => ({
          ...rest,
          id: id as DestinationId,
          ...(keyRef !== undefined ? { keyRef: keyRef as SecretRef } : {}),
        }));
        const [a, b] = draft.sources;
        if (plan.pip && a && b)
          draft.scene = { layout: 'pip', sources: [a.id, b.id], corner: 'br', size: draft.scene.size };
      });
      await outputs.sync(model.show);
      return {
        profile: args.profile,
        destinations: plan.destinations.map((d) => d.id),
        renditions: plan.renditions.map((r) => r.id),
      };
    },
  };
}
