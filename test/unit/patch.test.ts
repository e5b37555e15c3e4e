import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../electron/shared/patch.js';
import { applyPatch, diff } from '../../electron/shared/patch.js';

describe('state patches', () => {
  it('are empty for equal documents', () => {
    expect(diff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('replace leaves, remove keys and replace arrays whole', () => {
    const ops = diff({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: 1, b: { c: 5 }, e: [1, 2, 3], f: null });
    expect(ops).toEqual([
      { op: 'remove', path: ['b', 'd'] },
      { op: 'replace', path: ['b', 'c'], value: 5 },
      { op: 'replace', path: ['e'], value: [1, 2, 3] },
      { op: 'replace', path: ['f'], value: null },
    ]);
  });

  it('round-trip: apply(before, diff(before, after)) equals after, on random documents', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const gen = (depth: number): JsonValue => {
      const r = rnd();
      if (depth > 3 || r < 0.3)
        return r < 0.1 ? null : r < 0.2 ? Math.round(rnd() * 10) : `s${Math.round(rnd() * 5)}`;
      if (r < 0.45) return [gen(depth + 1), gen(depth + 1)];
      const obj: Record<string, JsonValue> = {};
      for (let i = 0; i < 4; i++) if (rnd() < 0.7) obj[`k${i}`] = gen(depth + 1);
      return obj;
    };
    for (let i = 0; i < 500; i++) {
      const before = gen(0);
      const after = gen(0);
      expect(applyPatch(before, diff(before, after))).toEqual(after);
    }
  });

  it('does not mutate the input document', () => {
    const before = { a: { b: 1 } };
    applyPatch(before, [{ op: 'replace', path: ['a', 'b'], value: 2 }]);
    expect(before).toEqual({ a: { b: 1 } });
  });
});
