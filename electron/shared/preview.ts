// Binary preview frames on the WebSocket: a small header, then an I420 picture.
//   byte 0: format version (1)   byte 1: kind (1 source, 2 program)   byte 2: id length N
//   bytes 3..3+N: id (UTF-8)     then u16 width, u16 height (little endian), then width*height*3/2 bytes.
export const PREVIEW_VERSION = 1;
export type PreviewKind = 'source' | 'program';

export interface PreviewFrame {
  kind: PreviewKind;
  id: string;
  width: number;
  height: number;
  /** I420 planes. */
  data: Uint8Array;
}

export function previewHeaderSize(id: string): number {
  return 3 + new TextEncoder().encode(id).length + 4;
}

export function encodePreviewHeader(
  kind: PreviewKind,
  id: string,
  width: number,
  height: number,
  into: Uint8Array,
): number {
  const idBytes = new TextEncoder().encode(id);
  if (idBytes.length > 255) throw new RangeError('preview id too long');
  into[0] = PREVIEW_VERSION;
  into[1] = kind === 'source' ? 1 : 2;
  into[2] = idBytes.length;
  into.set(idBytes, 3);
  const view = new DataView(into.buffer, into.byteOffset, into.byteLength);
  view.setUint16(3 + idBytes.length, width, true);
  view.setUint16(5 + idBytes.length, height, true);
  return 7 + idBytes.length;
}

export function decodePreview(buf: ArrayBuffer | Uint8Array): PreviewFrame | null {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  if (bytes.length < 7 || bytes[0] !== PREVIEW_VERSION) return null;
  const kind = bytes[1] === 1 ? 'source' : bytes[1] === 2 ? 'program' : null;
  if (kind === null) return null;
  const n = bytes[2] ?? 0;
  if (bytes.length < 7 + n) return null;
  const id = new TextDecoder().decode(bytes.subarray(3, 3 + n));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint16(3 + n, true);
  const height = view.getUint16(5 + n, true);
  const size = (width * height * 3) / 2;
  const data = bytes.subarray(7 + n);
  if (data.length !== size || width === 0 || height === 0) return null;
  return { kind, id, width, height, data };
}
