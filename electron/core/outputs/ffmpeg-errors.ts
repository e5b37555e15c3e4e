// ffmpeg's (and libsrt's) stderr, in words an operator understands. Pure; tested on captured output.
import { redact } from '../log/redact.js';

interface Rule {
  test: RegExp;
  words: string;
}

// Most specific first: a rejected key also ends with "Operation not permitted" or "Input/output error".
const RULES: Rule[] = [
  {
    test: /Already publishing|NetStream\.Publish\.(BadName|Rejected|Denied)|Server error:.*(reject|denied|unauthori[sz]ed|forbidden|auth)/i,
    words: 'stream key rejected',
  },
  { test: /HTTP error 401|401 Unauthorized/i, words: 'Icecast password rejected' },
  { test: /HTTP error 403|403 Forbidden/i, words: 'mount refused by Icecast (in use, or not allowed)' },
  { test: /Incorrect passphrase|Password required|BADSECRET|UNSECURE/i, words: 'SRT passphrase rejected' },
  { test: /connection rejected|REJECT\b/i, words: 'SRT connection rejected by the listener' },
  {
    test: /Name or service not known|Temporary failure in name resolution|Failed to resolve hostname|nodename nor servname|No address associated/i,
    words: 'name not resolved',
  },
  { test: /Connection refused/i, words: 'connection refused' },
  { test: /No route to host|Network is unreachable/i, words: 'network unreachable' },
  { test: /timed out|timeout/i, words: 'connection timed out' },
  { test: /Connection to srt:.*failed/i, words: 'no answer from the SRT listener' },
  {
    test: /SRT target disconnected|Connection was broken|Connection lost/i,
    words: 'connection lost: the SRT peer went away',
  },
  {
    test: /Connection reset by peer|Broken pipe|End of file|Error number -32|Input\/output error/i,
    words: 'connection lost: the server closed it',
  },
];

/** The first rule that matches any of the lines (rules in priority order), or null. */
export function mapFfmpegError(lines: readonly string[]): string | null {
  for (const rule of RULES) {
    if (lines.some((l) => rule.test.test(l))) return rule.words;
  }
  return null;
}

/** Words for lastError: the mapped message, else the supervisor's own description, with secrets masked. */
export function describeFailure(lines: readonly string[], fallback: string | null): string {
  const mapped = mapFfmpegError(lines);
  if (mapped !== null) return mapped;
  return redact(fallback ?? 'ffmpeg stopped');
}
