// The show file's control-surface settings: the OSC server (bind address, port, sender allowlist, feedback
// targets) and the tally webhook. The command line (--osc-host, --osc-port, --osc-allow) overrides them.
import { z } from 'zod';

export const OscTargetSchema = z.object({
  host: z.string().min(1).describe('IP address of the control surface (Companion, TouchOSC, …)'),
  port: z.number().int().min(1).max(65535).describe('the UDP port it listens on for feedback'),
});
export type OscTarget = z.infer<typeof OscTargetSchema>;

export const OscSettingsSchema = z.object({
  host: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('address to bind; 0.0.0.0 accepts surfaces on the LAN (OSC has no token: use `allow`)'),
  port: z.number().int().min(1).max(65535).describe('UDP port'),
  allow: z
    .array(z.string().min(1))
    .default([])
    .describe('sender IP addresses allowed to control; empty: any sender that can reach the port'),
  feedback: z
    .array(OscTargetSchema)
    .default([])
    .describe('surfaces that always receive state feedback (others register with /regie/feedback/subscribe)'),
  metersHz: z.number().min(0).max(10).default(5).describe('meter feedback rate; 0 turns meters off'),
});
export type OscSettings = z.infer<typeof OscSettingsSchema>;

export const TallyWebhookSchema = z.object({
  url: z.url().describe('receives a POST with the tally JSON on every change'),
  timeoutMs: z.number().int().min(100).max(10_000).default(2000),
});

export const ControlSchema = z.object({
  osc: OscSettingsSchema.nullable()
    .default(null)
    .describe('OSC control surface; null: off unless --osc-port'),
  tallyWebhook: TallyWebhookSchema.nullable().default(null),
});
export type ControlSettings = z.infer<typeof ControlSchema>;
