// Destination targets, ffmpeg arguments and the words for ffmpeg's failures (stderr captured from ffmpeg 5.1
// against nginx-rtmp 1.1.4 and srt-live-transmit 1.5.1).
import { describe, expect, it } from 'vitest';
import {
  DestinationUrlError,
  destinationArgs,
  resolveTarget,
} from '../../../electron/core/outputs/destination-args.js';
import { describeFailure, mapFfmpegError } from '../../../electron/core/outputs/ffmpeg-errors.js';
import { registerSecret } from '../../../electron/core/log/redact.js';

describe('resolveTarget', () => {
  it('appends the RTMP key as the last path element, and keeps it out of the display URL', () => {
    const t = resolveTarget('rtmp://live.example.org/app/', 'sk_abcdef123456');
    expect(t).toMatchObject({
      kind: 'rtmp',
      url: 'rtmp://live.example.org/app/sk_abcdef123456',
      displayUrl: 'rtmp://live.example.org/app/<key>',
      secret: 'sk_abcdef123456',
      host: 'live.example.org',
      port: 1935,
      tcp: true,
    });
    expect(resolveTarget('rtmps://a.example:8443/live').port).toBe(8443);
    expect(resolveTarget('rtmps://a.example/live').port).toBe(443);
    expect(resolveTarget('rtmp://a.example/live/full-url-key', null).secret).toBeNull();
  });

  it('turns an SRT key into the passphrase query parameter', () => {
    const t = resolveTarget(
      'srt://ingest.example:9000?mode=caller&latency=200000',
      'passphrase=correcthorse42',
    );
    expect(t.url).toBe('srt://ingest.example:9000?mode=caller&latency=200000&passphrase=correcthorse42');
    expect(t.displayUrl).toBe('srt://ingest.example:9000?mode=caller&latency=200000');
    expect(t.secret).toBe('correcthorse42');
    expect(t).toMatchObject({ kind: 'srt', port: 9000, tcp: false, listener: false });
    expect(resolveTarget('srt://:9000?mode=listener').listener).toBe(true);
    expect(resolveTarget('srt://h:1', 'correcthorse42').url).toBe('srt://h:1?passphrase=correcthorse42');
  });

  it('refuses what ffmpeg could not use', () => {
    expect(() => resolveTarget('http://example.org/live')).toThrow(DestinationUrlError);
    expect(() => resolveTarget('srt://example.org')).toThrow(/needs a port/);
    expect(() => resolveTarget('srt://h:1', 'short')).toThrow(/10 to 79/);
    expect(() => resolveTarget('srt://h:1', 'has&ampersand')).toThrow(/cannot contain/);
  });
});

describe('destinationArgs', () => {
  it('copies stdin to FLV for RTMP and to MPEG-TS for SRT, never re-encoding', () => {
    const rtmp = destinationArgs(resolveTarget('rtmp://h/live', 'key123456'));
    expect(rtmp.slice(rtmp.indexOf('-f'), rtmp.indexOf('-i') + 2)).toEqual(['-f', 'mpegts', '-i', 'pipe:0']);
    expect(rtmp).toContain('-stats_period');
    expect(rtmp.slice(-11)).toEqual([
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-c',
      'copy',
      '-f',
      'flv',
      '-flvflags',
      'no_duration_filesize',
      'rtmp://h/live/key123456',
    ]);
    const srt = destinationArgs(resolveTarget('srt://h:9000?mode=caller'));
    expect(srt.slice(-9)).toEqual([
      '-map',
      '0',
      '-c',
      'copy',
      '-f',
      'mpegts',
      '-mpegts_flags',
      '+resend_headers',
      'srt://h:9000?mode=caller',
    ]);
    expect(srt).not.toContain('libx264');
  });
});

describe('ffmpeg failures in words', () => {
  const cases: [string, string[]][] = [
    [
      'connection refused',
      [
        '[tcp @ 0x55b5a565d140] Connection to tcp://127.0.0.1:19350?tcp_nodelay=0 failed: Connection refused',
        '[rtmp @ 0x55b5a55d4680] Cannot open connection tcp://127.0.0.1:19350?tcp_nodelay=0',
        'rtmp://127.0.0.1:19350/live/abc: Connection refused',
      ],
    ],
    [
      'name not resolved',
      [
        '[tcp @ 0x5576df96b140] Failed to resolve hostname no-such-host.invalid: Name or service not known',
        'rtmp://no-such-host.invalid/live/abc: Input/output error',
      ],
    ],
    [
      'stream key rejected',
      [
        '[rtmp @ 0x56096fbee680] Server error: Already publishing',
        'rtmp://127.0.0.1:19350/live/abc: Operation not permitted',
      ],
    ],
    ['stream key rejected', ['[rtmp @ 0x5] Server error: NetStream.Publish.BadName']],
    [
      'SRT passphrase rejected',
      [
        '20:29:20.210391/SRT:RcvQ:w1!W:SRT.cn: processAsyncConnectRequest: REJECT reported from HS processing: Incorrect passphrase - not processing further',
        '[srt @ 0x55567a826bc0] Connection to srt://127.0.0.1:19777?mode=caller&passphrase=wrongwrongwrong failed: Input/output error',
      ],
    ],
    [
      'no answer from the SRT listener',
      ['[srt @ 0x558e15a86880] Connection to srt://127.0.0.1:19777?mode=caller failed: Input/output error'],
    ],
    [
      'connection timed out',
      ['[tcp @ 0x1] Connection to tcp://10.0.0.1:1935?tcp_nodelay=0 failed: Connection timed out'],
    ],
    [
      'connection lost: the server closed it',
      [
        'av_interleaved_write_frame(): Broken pipe',
        '[flv @ 0x562b14049b80] Failed to update header with correct duration.',
        'Error writing trailer of rtmp://127.0.0.1:19350/live/abc: Broken pipe',
      ],
    ],
  ];
  it.each(cases)('says "%s"', (words, lines) => {
    expect(mapFfmpegError(lines)).toBe(words);
  });

  it('falls back to the supervisor description, with the key masked', () => {
    registerSecret('sk_live_0123456789');
    expect(mapFfmpegError(['Unknown encoder foo'])).toBeNull();
    const text = describeFailure(
      ['whatever'],
      'rtmp://h/live/sk_live_0123456789: Weird (exited with code 1)',
    );
    expect(text).not.toContain('sk_live_0123456789');
    expect(text).toContain('exited with code 1');
  });
});

describe('Icecast and renditions', () => {
  it('puts the password in ffmpeg’s URL only, and takes the format from the mount', () => {
    const t = resolveTarget('icecast://source@ice.example:8000/live.webm', 'hackme-pw');
    expect(t).toMatchObject({
      kind: 'icecast',
      url: 'icecast://source:hackme-pw@ice.example:8000/live.webm',
      displayUrl: 'icecast://source@ice.example:8000/live.webm',
      format: 'webm',
      port: 8000,
      tcp: true,
    });
    expect(resolveTarget('icecast://ice.example/a', 'pw12', 'ogg').format).toBe('ogg');
    expect(() => resolveTarget('icecast://ice.example/a', 'pw12')).toThrow(/format/);
    expect(() => resolveTarget('icecast://u:pw@ice.example/a.mkv')).toThrow(/secrets store/);
  });

  it('copies H.264 into Matroska, encodes WebM and Ogg, and audio-only renditions drop the video', () => {
    const mkv = destinationArgs(resolveTarget('icecast://h:1/a.mkv', 'pw12'));
    expect(mkv.join(' ')).toContain('-c:v copy -c:a aac');
    expect(mkv.join(' ')).toContain('-f matroska -content_type video/x-matroska');
    const webm = destinationArgs(resolveTarget('icecast://h:1/a.webm', 'pw12'), {
      encode: { height: 360, videoKbps: 400, audioKbps: 64, audioOnly: false },
    });
    expect(webm.join(' ')).toContain('-c:v libvpx');
    expect(webm.join(' ')).toContain('-b:v 400k -maxrate 400k -bufsize 800k');
    expect(webm.join(' ')).toContain('-vf scale=-2:360');
    expect(webm.join(' ')).toContain('-c:a libopus -b:a 64k');
    const audio = destinationArgs(resolveTarget('icecast://h:1/a.ogg', 'pw12'), {
      encode: { audioKbps: 64, audioOnly: true },
    });
    expect(audio.join(' ')).toContain(
      '-map 0:a:0 -vn -c:a libvorbis -b:a 64k -f ogg -content_type audio/ogg',
    );
    const rtmp540 = destinationArgs(resolveTarget('rtmp://h/live', 'key123456'), {
      encode: { height: 540, videoKbps: 1000, audioKbps: 96, audioOnly: false },
    });
    expect(rtmp540.join(' ')).toContain('-c:v libx264');
    expect(rtmp540.join(' ')).toContain('-c:a aac -b:a 96k -f flv');
  });

  it('a Matroska master takes every stream (slides track, all audio tracks); the others the program video only', () => {
    const mkv = destinationArgs(resolveTarget('icecast://h:1/s1', 'pw12', 'matroska'), {
      programAudioKbps: 128,
    }).join(' ');
    expect(mkv).toContain('-map 0:v -map 0:a? -c:v copy -c:a aac -b:a 128k -f matroska');
    const mkv540 = destinationArgs(resolveTarget('icecast://h:1/a.mkv', 'pw12'), {
      encode: { height: 540, videoKbps: 1000, audioKbps: 96, audioOnly: false },
    }).join(' ');
    expect(mkv540).toContain('-map 0:v:0 -map 0:a:0? -c:v libx264');
    for (const url of ['icecast://h:1/a.webm', 'icecast://h:1/a.ogg']) {
      const args = destinationArgs(resolveTarget(url, 'pw12'), { programAudioKbps: 128 }).join(' ');
      expect(args, url).toContain('-map 0:v:0 -map 0:a:0?');
      expect(args, url).toContain('-b:a 128k');
    }
    expect(destinationArgs(resolveTarget('rtmp://h/live', 'key123456')).join(' ')).toContain(
      '-map 0:v:0 -map 0:a:0? -c copy',
    );
    const srt540 = destinationArgs(resolveTarget('srt://h:9000'), {
      encode: { height: 540, videoKbps: 1000, audioKbps: 96, audioOnly: false },
    }).join(' ');
    expect(srt540).toContain('-map 0:v:0 -map 0:a? -c:v libx264');
    expect(destinationArgs(resolveTarget('srt://h:9000')).join(' ')).toContain('-map 0 -c copy');
  });
});
