// State travels as a snapshot, then patches. A patch replaces or removes the value at a path;
// arrays are replaced whole (they are small: sources, destinations). Pure functions, shared with the UI.
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type PatchOp = { op: 'replace'; path: string[]; value: JsonValue } | { op: 'remove'; path: string[] };

function isObject(v: unknown): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i] as JsonValue));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k] as JsonValue, b[k] as JsonValue));
  }
  return false;
}

/** The list of operations that turns `before` into `after`. */
export function diff(before: JsonValue, after: JsonValue, path: string[] = []): PatchOp[] {
  if (deepEqual(before, after)) return [];
  if (!isObject(before) || !isObject(after)) return [{ op: 'replace', path, value: after }];
  const ops: PatchOp[] = [];
  for (const key of Object.keys(before)) {
    if (!(key in after)) ops.push({ op: 'remove', path: [...path, key] });
  }
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (old === undefined) ops.push({ op: 'replace', path: [...path, key], value });
    else ops.push(...diff(old, value, [...path, key]));
  }
  return ops;
}

/** Applies operations to a copy of `doc` (structural sharing for untouched branches). */
export function applyPatch(doc: JsonValue, ops: readonly PatchOp[]): JsonValue {
  let result = doc;
  for (const op of ops) result = applyOne(result, op, 0);
  return result;
}

function applyOne(node: JsonValue, op: PatchOp, depth: number): JsonValue {
  if (depth === op.path.length) {
    if (op.op === 'replace') return op.value;
    throw new Error('cannot remove the root');
  }
  const key = op.path[depth] as string;
  const obj: Record<string, JsonValue> = isObject(node) ? { ...node } : {};
  if (depth === op.path.length - 1 && op.op === 'remove') {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing a key is the operation
    delete obj[key];
    return obj;
  }
  obj[key] = applyOne(obj[key] ?? null, op, depth + 1);
  return obj;
}
