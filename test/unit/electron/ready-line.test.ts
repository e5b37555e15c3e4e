import { describe, expect, it } from 'vitest';
import { LineSplitter, parseReadyLine } from '../../../electron/main/ready-line.js';

describe('parseReadyLine', () => {
  it('reads the core ready line', () => {
    expect(
      parseReadyLine('{"event":"ready","url":"http://127.0.0.1:7420","token":"abcdefgh","pid":42}'),
    ).toEqual({
      event: 'ready',
      url: 'http://127.0.0.1:7420',
      token: 'abcdefgh',
      pid: 42,
    });
  });

  it('ignores anything else', () => {
    for (const line of [
      '',
      'hello',
      '{"event":"ready"',
      '{"event":"started","url":"http://127.0.0.1:1","token":"t","pid":1}',
      '{"event":"ready","url":"file:///etc/passwd","token":"t","pid":1}',
      '{"event":"ready","url":"not a url","token":"t","pid":1}',
      '{"event":"ready","url":"http://127.0.0.1:1","token":"","pid":1}',
      '{"event":"ready","url":"http://127.0.0.1:1","token":"t","pid":"1"}',
      '[1,2]',
      'null',
    ]) {
      expect(parseReadyLine(line), line).toBeNull();
    }
  });
});

describe('LineSplitter', () => {
  it('joins lines across chunks and keeps the incomplete tail', () => {
    const s = new LineSplitter();
    expect(s.push('ab')).toEqual([]);
    expect(s.push('c\r\nde')).toEqual(['abc']);
    expect(s.push('f\n\ng')).toEqual(['def', '']);
    expect(s.end()).toEqual(['g']);
    expect(s.end()).toEqual([]);
  });

  it('drops a runaway line instead of growing without bound', () => {
    const s = new LineSplitter(10);
    expect(s.push('x'.repeat(20))).toEqual([]);
    expect(s.push('ok\n')).toEqual(['ok']);
  });
});
