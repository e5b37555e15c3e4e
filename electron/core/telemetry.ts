// Telemetry: high-rate values (meters, health, counters) that never go through the state store.
// Providers are sampled on a fixed timer (latest value wins) and pushed to WebSocket clients.
import { cpus } from 'node:os';
import type { JsonValue } from '../shared/patch.js';

export type TelemetryProvider = () => JsonValue;

export class Telemetry {
  private readonly providers = new Map<string, TelemetryProvider>();
  private timer: NodeJS.Timeout | null = null;
  private lastCpu = process.cpuUsage();
  private lastCpuAt = process.hrtime.bigint();
  private cpuPct = 0;

  constructor(private readonly hz = 25) {
    this.provide('core', () => this.coreSample());
  }

  provide(name: string, provider: TelemetryProvider): void {
    this.providers.set(name, provider);
  }

  sample(): { t: number; data: JsonValue } {
    const data: Record<string, JsonValue> = {};
    for (const [name, provider] of this.providers) data[name] = provider();
    return { t: Date.now(), data };
  }

  start(push: (data: JsonValue) => void): void {
    this.timer = setInterval(() => push(this.sample().data), Math.round(1000 / this.hz));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private coreSample(): JsonValue {
    const now = process.hrtime.bigint();
    const elapsedUs = Number(now - this.lastCpuAt) / 1000;
    if (elapsedUs > 500_000) {
      const usage = process.cpuUsage(this.lastCpu);
      this.cpuPct = ((usage.user + usage.system) / elapsedUs) * 100;
      this.lastCpu = process.cpuUsage();
      this.lastCpuAt = now;
    }
    return {
      rssMB: Math.round(process.memoryUsage.rss() / 1048576),
      cpuPct: Math.round(this.cpuPct * 10) / 10,
      cores: cpus().length,
      uptimeS: Math.round(process.uptime()),
    };
  }
}
