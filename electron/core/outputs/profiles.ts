// Event profiles: the encoder, renditions and destinations a known kind of event uses, applied to the show in
// one call (profile.apply). Sources and layouts stay as they are; destinations and renditions are replaced.
import type { AudioTrack } from '../../shared/show-audio.js';
import type { Destination, EncoderSettingsShow, Rendition, Show } from '../../shared/show.js';
import type { MethodParsedArgs } from '../../shared/methods.js';
import { cccPlan } from './profile-ccc.js';

export type ProfileArgs = MethodParsedArgs<'profile.apply'>;

/** A destination of the plan (ids are plain strings here; the show's schema checks them). */
export type PlanDestination = Omit<Destination, 'id' | 'keyRef'> & { id: string; keyRef?: string };

export interface ProfilePlan {
  encoder: EncoderSettingsShow;
  renditions: Rendition[];
  destinations: PlanDestination[];
  /** Secrets to store (stream key, Icecast password, SRT passphrase) before the show refers to them. */
  secrets: { ref: string; value: string }[];
  /** A PiP of the first two sources (slides large, camera inset), when the profile wants one. */
  pip: boolean;
  /** The program format the profile needs (absent: the show's stays). */
  program?: Show['program'];
  /** The audio tracks the profile needs (absent: the show's stay). */
  audioTracks?: AudioTrack[];
}

function keyed(
  ref: string,
  key: string | undefined,
): { keyRef?: string; secret: { ref: string; value: string }[] } {
  return key === undefined ? { secret: [] } : { keyRef: ref, secret: [{ ref, value: key }] };
}

export function profilePlan(show: Show, args: ProfileArgs): ProfilePlan {
  switch (args.profile) {
    case 'sstic': {
      // nginx-rtmp transcodes for the viewers: send it H.264 main at a constant 4 Mbit/s and AAC. The
      // recording is the same program MPEG-TS, so it is identical to what the stream carries.
      const k = keyed('sstic-key', args.key);
      return {
        encoder: { ...show.encoder, profile: 'main', videoKbps: 4000, audioKbps: 128, gopSeconds: 2 },
        renditions: [],
        destinations: [
          {
            id: 'sstic',
            name: 'SSTIC nginx-rtmp',
            url: args.url,
            enabled: true,
            ...(k.keyRef !== undefined ? { keyRef: k.keyRef } : {}),
            ...(args.statsUrl !== undefined ? { statsUrl: args.statsUrl } : {}),
          },
        ],
        secrets: k.secret,
        pip: true,
      };
    }
    case 'faimaison': {
      // Icecast: WebM (VP8 384k + Opus 64k, 360p: under 512 kbit/s with the container) and an audio-only
      // Ogg Vorbis mount at 64k. The program itself (recorded) keeps the encoder's settings.
      const base = args.url.replace(/\/+$/, '');
      const k = keyed('faimaison-password', args.key);
      const common = {
        enabled: true,
        ...(k.keyRef !== undefined ? { keyRef: k.keyRef } : {}),
        ...(args.statsUrl !== undefined ? { statsUrl: args.statsUrl } : {}),
      };
      return {
        encoder: show.encoder,
        renditions: [
          {
            id: 'web360',
            name: '360p for 512 kbit/s',
            height: 360,
            videoKbps: 384,
            audioKbps: 64,
            audioOnly: false,
          },
          { id: 'audio', name: 'Audio only', audioKbps: 64, audioOnly: true },
        ],
        destinations: [
          {
            ...common,
            id: 'webm',
            name: 'Icecast WebM',
            url: `${base}/live.webm`,
            format: 'webm',
            rendition: 'web360',
          },
          {
            ...common,
            id: 'audio',
            name: 'Icecast audio',
            url: `${base}/audio.ogg`,
            format: 'ogg',
            rendition: 'audio',
          },
        ],
        secrets: k.secret,
        pip: false,
      };
    }
    case 'ccc':
      return cccPlan(show, args);
    case 'radiofrance': {
      // SRT callers to a main and a backup listener, the same program to both: if one link drops, the
      // other carries on, and each reconnects by itself.
      const k = keyed('radiofrance-passphrase', args.key);
      const key = k.keyRef !== undefined ? { keyRef: k.keyRef } : {};
      return {
        encoder: show.encoder,
        renditions: [],
        destinations: [
          { id: 'main', name: 'SRT main', url: args.mainUrl, enabled: true, ...key },
          { id: 'backup', name: 'SRT backup', url: args.backupUrl, enabled: true, ...key },
        ],
        secrets: k.secret,
        pip: false,
      };
    }
  }
}
