// Origins, for the checks that keep the renderer on the core's own pages.

/** The origin of a URL, or null for opaque origins (data:, file:, about:) and garbage. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function sameOrigin(a: string, b: string): boolean {
  const oa = originOf(a);
  return oa !== null && oa === originOf(b);
}

/** Links the operator may follow in the system browser: https only. */
export function isSafeExternal(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
