// Secrets never reach a log line, a state snapshot or an API result in clear.
// Known secret values are registered here; URL credentials and key-like query parameters are masked by shape.
const knownSecrets = new Set<string>();

export function registerSecret(value: string): void {
  if (value.length >= 4) knownSecrets.add(value);
}

export function forgetSecret(value: string): void {
  knownSecrets.delete(value);
}

/** "live_abcdef123456" → "live…3456"-style mask that shows just enough to recognise the key. */
export function mask(value: string): string {
  if (value.length <= 8) return '•'.repeat(value.length);
  return `${value.slice(0, 2)}${'•'.repeat(6)}${value.slice(-4)}`;
}

const QUERY_SECRET =
  /([?&](?:passphrase|key|streamkey|stream_key|token|secret|password|pass|auth)=)([^&\s"']+)/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/@\s:"']+):([^/@\s"']+)@/gi;
// rtmp://host/app/<key>: the last path element of an RTMP URL is the stream key.
const RTMP_KEY = /\b(rtmps?:\/\/[^/\s"']+\/[^/\s"']+\/)([^\s"'?]{6,})/gi;
const BEARER = /(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/g;

export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(mask(secret));
  }
  return out
    .replace(QUERY_SECRET, (_m, k: string, v: string) => k + mask(v))
    .replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:••••••@`)
    .replace(RTMP_KEY, (_m, base: string, key: string) => base + mask(key))
    .replace(BEARER, (_m, b: string, t: string) => b + mask(t));
}
