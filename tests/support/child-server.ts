import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../server/gc-tuning.ts';
import type { HallConfigInput } from '../../shared/config-schema.ts';
import { testConfigInput } from './config.ts';
import { childStoreEnv, hallIdFor } from './stores.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
/** `server/main.ts` started as `npm start` starts it. */
const SERVER_ARGS = [...SERVER_NODE_FLAGS, '--import', 'tsx', 'server/main.ts'];

/** The test hall open around the clock, so a server on the real clock always issues. */
export async function writeAllDayConfig(dir: string, edit?: (c: HallConfigInput) => void): Promise<string> {
  const c = testConfigInput();
  const allDay: Array<[string, string]> = [['00:00', '23:59']];
  c.hall.hours = { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay };
  c.hall.holidays = [];
  c.hall.ticketing = { openEarlyMinutes: 0, stopBeforeCloseMinutes: 0 };
  // A day compressed into minutes of real time: a 过号 may follow its call at once.
  c.hall.noShowAfterSeconds = 0;
  c.hall.id = hallIdFor(dir);
  edit?.(c);
  const file = join(dir, 'hall.json');
  await writeFile(file, JSON.stringify(c));
  return file;
}

export interface ChildServer {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/** `server/main.ts` in its own process, as `npm start` runs it (without the front-end build). */
export function startChild(env: Record<string, string>): Promise<ChildServer> {
  const proc = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', QUIET_START: '1', LOG_LEVEL: 'info', ...childStoreEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${m[1]}`, output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`server exited with ${code}:\n${out}`), { code, output: out }));
    });
  });
}

/** Run `server/main.ts` expecting it to refuse to start; resolves with its exit code and output. */
export function runChildToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, SERVER_ARGS, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', QUIET_START: '1', ...childStoreEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

export function kill9(child: ChildServer): Promise<void> {
  return new Promise((resolve) => {
    child.proc.once('exit', () => resolve());
    child.proc.kill('SIGKILL');
  });
}
