/**
 * Bulk edits of the hall's configuration, through the running server and the same checks
 * as the manager view (SPEC §13):
 *
 *   npm run config -- export hall-config.json
 *   npm run config -- import hall-config.json
 *
 * HALL_URL (default http://127.0.0.1:8080), HALL_STAFF_NO and HALL_PASSWORD name the
 * server and a manager's login (the password is asked for when not set). The exported
 * file carries the version it was read at ("$version"): an import over a newer version is
 * refused (VERSION_CONFLICT) rather than undoing another manager's change. Secrets stay in
 * the server: staff keep their passwords and devices their keys by id; a new device's key
 * is printed once.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';

const url = (process.env.HALL_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

async function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

function explain(r: { status: number; body: any }): string {
  const e = r.body?.error;
  return e ? `${r.status} ${e.code}${e.field ? ` (${e.field})` : ''}: ${e.message}` : `HTTP ${r.status}`;
}

async function login(): Promise<string> {
  const staffNo = process.env.HALL_STAFF_NO ?? (await ask('管理员工号 / manager staff no.: '));
  const password = process.env.HALL_PASSWORD ?? (await ask('密码 / password: '));
  const r = await call('POST', '/auth/login', { staffNo, password });
  if (r.status !== 200) throw new Error(`login: ${explain(r)}`);
  return r.body.token;
}

async function main(): Promise<number> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'export' && command !== 'import') || !file) {
    console.error('usage: npm run config -- export FILE | import FILE   (HALL_URL, HALL_STAFF_NO, HALL_PASSWORD)');
    return 2;
  }
  const token = await login();
  if (command === 'export') {
    const r = await call('GET', '/admin/config', undefined, token);
    if (r.status !== 200) throw new Error(`export: ${explain(r)}`);
    await writeFile(file, `${JSON.stringify({ $version: r.body.version, ...r.body.config }, null, 2)}\n`);
    console.log(`exported version ${r.body.version} to ${file}`);
    return 0;
  }
  const { $version, ...config } = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const version = typeof $version === 'number' ? $version : (await call('GET', '/admin/config', undefined, token)).body.version;
  const r = await call('PUT', '/admin/config', { version, config, via: 'import' }, token);
  if (r.status !== 200) {
    console.error(`import refused: ${explain(r)}`);
    if (r.body?.current) console.error(`the server is at version ${r.body.current.version}: export again and redo the edit`);
    return 1;
  }
  console.log(`imported: version ${r.body.version}`);
  for (const [id, key] of Object.entries(r.body.keys ?? {})) console.log(`  new device ${id}: key ${key}  (shown only now)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
