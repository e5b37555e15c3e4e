// A real Icecast2 (Debian's icecast2) on a free loopback port, with its config, logs and pid file in a temp
// dir. Icecast refuses to run as root: when we are root it drops to nobody (changeowner), so the temp dir is
// made writable for it. Stopped (and restartable on the same port) by the test; killed in afterAll anyway.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tcpReachable } from '../../electron/core/outputs/tcp-probe.js';
import { freePort, stopChild, tempDir, trackChild } from './servers.js';

export interface Icecast {
  port: number;
  /** The source password (what goes in the secrets store). */
  password: string;
  /** icecast://source@127.0.0.1:<port><mount> */
  url(mount: string): string;
  /** http://127.0.0.1:<port><mount> (what a listener opens) */
  listenUrl(mount: string): string;
  statusUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startIcecast(): Promise<Icecast> {
  const dir = tempDir('icecast');
  const port = await freePort();
  const password = 'ice-source-pw-7731';
  mkdirSync(join(dir, 'log'));
  chmodSync(dir, 0o777);
  chmodSync(join(dir, 'log'), 0o777);
  const asRoot = process.getuid?.() === 0;
  const conf = join(dir, 'icecast.xml');
  writeFileSync(
    conf,
    `<icecast>
  <location>loopback</location><admin>test@localhost</admin>
  <limits><clients>50</clients><sources>8</sources><source-timeout>5</source-timeout><burst-size>65535</burst-size></limits>
  <authentication><source-password>${password}</source-password><admin-user>admin</admin-user><admin-password>admin-pw-1</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>${port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>1</fileserve>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>${dir}/log</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot><pidfile>${dir}/icecast.pid</pidfile></paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel></logging>
  <security><chroot>0</chroot>${asRoot ? '<changeowner><user>nobody</user><group>nogroup</group></changeowner>' : ''}</security>
</icecast>
`,
  );
  chmodSync(conf, 0o644);
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const c = trackChild(spawn('icecast2', ['-c', conf], { stdio: 'ignore' }));
    child = c;
    const end = Date.now() + 5000;
    while (!(await tcpReachable('127.0.0.1', port, 300))) {
      if (c.exitCode !== null || Date.now() > end) {
        let log = '';
        try {
          log = readFileSync(join(dir, 'log/error.log'), 'utf8');
        } catch {
          // no log yet
        }
        throw new Error(`icecast2 did not start: ${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await start();
  return {
    port,
    password,
    url: (mount) => `icecast://source@127.0.0.1:${port}${mount}`,
    listenUrl: (mount) => `http://127.0.0.1:${port}${mount}`,
    statusUrl: `http://127.0.0.1:${port}/status-json.xsl`,
    start,
    stop: async () => {
      if (child) await stopChild(child);
      child = null;
    },
  };
}
