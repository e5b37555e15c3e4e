// One logger factory. Named loggers write JSON lines to a rotating file in the data dir and a readable
// line to stderr (stdout is reserved for the core's machine-readable lines). Everything goes through redact().
import { appendFileSync, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  readonly name: string;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(name: string): Logger;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  logger: string;
  msg: string;
  [field: string]: unknown;
}

interface LogConfig {
  file: string | null;
  fileLevel: LogLevel;
  consoleLevel: LogLevel;
  maxBytes: number;
  keepFiles: number;
  /** Observers, e.g. the per-entity log the UI shows. */
  sinks: Set<(record: LogRecord) => void>;
}

const config: LogConfig = {
  file: null,
  fileLevel: 'debug',
  consoleLevel: (process.env.REGIE_LOG_LEVEL as LogLevel | undefined) ?? 'info',
  maxBytes: 10 * 1024 * 1024,
  keepFiles: 5,
  sinks: new Set(),
};

/** Sends log files to `<dir>/regie.log`, rotated at maxBytes, keeping `keepFiles` old ones. */
export function configureLogging(opts: {
  dir?: string;
  consoleLevel?: LogLevel;
  maxBytes?: number;
  keepFiles?: number;
}): void {
  if (opts.dir !== undefined) {
    mkdirSync(opts.dir, { recursive: true });
    config.file = join(opts.dir, 'regie.log');
  }
  if (opts.consoleLevel) config.consoleLevel = opts.consoleLevel;
  if (opts.maxBytes) config.maxBytes = opts.maxBytes;
  if (opts.keepFiles) config.keepFiles = opts.keepFiles;
}

export function addLogSink(sink: (record: LogRecord) => void): () => void {
  config.sinks.add(sink);
  return () => config.sinks.delete(sink);
}

function rotate(file: string): void {
  const oldest = `${file}.${config.keepFiles}`;
  if (existsSync(oldest)) unlinkSync(oldest);
  for (let i = config.keepFiles - 1; i >= 1; i--) {
    const from = `${file}.${i}`;
    if (existsSync(from)) renameSync(from, `${file}.${i + 1}`);
  }
  renameSync(file, `${file}.1`);
}

function writeFile(line: string): void {
  const file = config.file;
  if (file === null) return;
  try {
    if (existsSync(file) && statSync(file).size + line.length > config.maxBytes) rotate(file);
    appendFileSync(file, line);
  } catch {
    // Logging must never take the core down (disk full, directory removed): drop the line.
  }
}

function safeFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
  }
  return out;
}

function emit(name: string, level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  const record: LogRecord = {
    time: new Date().toISOString(),
    level,
    logger: name,
    msg,
    ...safeFields(fields),
  };
  let json: string;
  try {
    json = redact(JSON.stringify(record));
  } catch {
    json = redact(JSON.stringify({ time: record.time, level, logger: name, msg }));
  }
  if (levelRank[level] >= levelRank[config.fileLevel]) writeFile(json + '\n');
  if (levelRank[level] >= levelRank[config.consoleLevel]) {
    const extra =
      fields && Object.keys(fields).length > 0 ? ' ' + redact(JSON.stringify(safeFields(fields))) : '';
    process.stderr.write(
      `${record.time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} [${name}] ${redact(msg)}${extra}\n`,
    );
  }
  if (config.sinks.size > 0) {
    const parsed = JSON.parse(json) as LogRecord;
    for (const sink of config.sinks) sink(parsed);
  }
}

export function createLogger(name: string): Logger {
  return {
    name,
    debug: (msg, fields) => emit(name, 'debug', msg, fields),
    info: (msg, fields) => emit(name, 'info', msg, fields),
    warn: (msg, fields) => emit(name, 'warn', msg, fields),
    error: (msg, fields) => emit(name, 'error', msg, fields),
    child: (sub) => createLogger(`${name}.${sub}`),
  };
}
