// OSC fuzzing: thousands of random and malformed packets (seeded, reproducible) at a real core. The core
// must not crash, must not change state, and must still obey a valid message afterwards.
import { createSocket } from 'node:dgram';
import { Message, encode } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreProcess } from '../helpers/core-process.js';
import { api, startCoreProcess, waitFor } from '../helpers/core-process.js';
import { freePort } from '../helpers/servers.js';

const PACKETS = 4000;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Valid messages whose effect on the demo show is none (same layout, same gain, slate already off): a
// mutation of their address or type tags must be refused or be just as harmless.
const NO_OPS = [
  new Message('/regie/program/layout', 'pip', 'slides', 'camera'),
  new Message('/regie/blank', 'off'),
  new Message('/regie/audio/slides/mute', 0),
  new Message('/regie/program/setLayout', '{"layout":"pip","a":"slides","b":"camera"}'),
];
// Methods that need arguments: malformed JSON for them must be refused.
const NEEDS_ARGS = [
  'program/setLayout',
  'source/add',
  'audio/setGain',
  'destination/add',
  'program/setFormat',
];
const JUNK_JSON = [
  '{',
  '{"layout":',
  'null',
  '[]',
  '42',
  '"x"',
  '{"layout":"nope","a":1}',
  '{"a":{"b":',
  '\u0000{}',
];

function packet(rnd: () => number): Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
  switch (Math.floor(rnd() * 8)) {
    case 0:
      return bytes(Math.floor(rnd() * 512));
    case 1: {
      // a valid message cut short
      const b = encode(pick(NO_OPS));
      return b.subarray(0, Math.floor(rnd() * b.length));
    }
    case 2: {
      // bit flips in the address and type tags of a harmless message
      const b = Buffer.from(encode(pick(NO_OPS)));
      const head = b.indexOf(0x2c); // ',' starts the type tags
      for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) {
        const at = Math.floor(rnd() * Math.max(1, head + 4));
        b[at] = (b[at] ?? 0) ^ (1 << Math.floor(rnd() * 8));
      }
      return b;
    }
    case 3: // wrong argument types on the fixed addresses (numbers for names, text or blobs for numbers)
      return rnd() < 0.5
        ? encode(
            new Message(
              pick(['/regie/program/layout', '/regie/blank']),
              ...(rnd() < 0.5 ? [Math.floor(rnd() * 1000), rnd()] : [{ type: 'b', value: bytes(8) }]),
            ),
          )
        : encode(
            new Message(
              pick(['/regie/audio/slides/gain', '/regie/audio/camera/mute']),
              rnd() < 0.3 ? pick(['loud', '', '-6']) : { type: 'b', value: bytes(4) },
            ),
          );
    case 4: // unknown addresses
      return encode(new Message(`/regie/${bytes(6).toString('hex')}/${pick(['x', 'take', 'gain'])}`, 'x'));
    case 5: // malformed JSON for methods that need arguments
      return encode(new Message(`/regie/${pick(NEEDS_ARGS)}`, pick(JUNK_JSON)));
    case 6: {
      // a bundle header with a lying element size, or nested bundles
      const inner = encode(pick(NO_OPS));
      const size = Buffer.alloc(4);
      size.writeInt32BE(rnd() < 0.5 ? inner.length + 1000 : -5);
      return Buffer.concat([Buffer.from('#bundle\0'), bytes(8), size, inner]);
    }
    default:
      // huge: up to the UDP limit
      return Buffer.concat([
        Buffer.from('/regie/program/setLayout\0\0\0\0,s\0\0'),
        bytes(20_000 + Math.floor(rnd() * 40_000)),
      ]);
  }
}

let core: CoreProcess;
let port: number;
beforeAll(async () => {
  port = await freePort('udp');
  core = await startCoreProcess(['--demo', '--osc-port', String(port)], { REGIE_LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await core.stop();
});

const stable = async () => {
  const s = (await api(core, '/api/v1/state')).body as Record<string, unknown>;
  return JSON.stringify([s.show, s.preview, s.program, s.tally, s.audio, s.destinations === undefined]);
};

describe('OSC fuzz', () => {
  it(`${PACKETS} random and malformed packets: no crash, no state change, still listening`, async () => {
    const before = await stable();
    const rnd = prng(20261121);
    const sock = createSocket('udp4');
    for (let i = 0; i < PACKETS; i++) {
      const p = packet(rnd);
      await new Promise<void>((r) => sock.send(p, port, '127.0.0.1', () => r()));
      // let the core drain its socket now and then (a full receive buffer would only hide packets)
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(core.child.exitCode).toBeNull();
    expect((await fetch(`${core.url}/api/v1/health`)).status).toBe(200);
    expect(await stable()).toBe(before);
    // the packets did reach the OSC server, which logged why it ignored them
    const ignored = core
      .stderr()
      .split('\n')
      .filter((l) => l.includes('OSC')).length;
    expect(ignored).toBeGreaterThan(PACKETS / 2);
    // still obeys a valid message
    sock.send(encode(new Message('/regie/program/layout', 'full', 'camera')), port, '127.0.0.1');
    await waitFor(
      async () =>
        ((await api(core, '/api/v1/state')).body as { show: { scene: { layout: string } } }).show.scene
          .layout === 'full',
    );
    sock.close();
  });
});
