import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { HallConfig } from '../shared/config-schema.ts';
import { createApp, type HallApp } from './app.ts';
import { missingStartFlags, tuneGarbageCollection } from './gc-tuning.ts';
import { offsetClock, systemClock } from './clock.ts';
import { ConfigError, DEMO_CONFIG, readHallFile } from './config.ts';
import { EscposNetworkPrinter } from './printing/escpos-printer.ts';
import { StoreCorruptError, StoreOpenError } from './store/errors.ts';
import { openStore } from './store/open-store.ts';
import { HallLock } from './store/pg/hall-lock.ts';
import { safeUrl } from './store/pg/pg-store.ts';
import { standbyHandler } from './standby.ts';
import { createExpressServer } from './http/express-server.ts';
import type { AddressInfo } from 'node:net';

const DEMO_PASSWORD = 'Demo@2026';
/** Secrets never reach the log, whatever object a log line carries. */
const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: {
    paths: ['key', 'token', 'password', 'passwordHash', '*.key', '*.token', '*.password', '*.passwordHash', 'req.headers.authorization', 'headers.authorization', 'auth', '*.auth'],
    censor: '[redacted]',
  },
});

/** Every screen's address. Only the demo hall's, whose keys are public anyway, carry their key. */
function screenList(config: HallConfig, base: string, isDemo: boolean): string {
  const lines = [`\n${config.hall.name} — 叫号系统已启动 / hall queue server running\n`];
  const screen = (url: string, name: string) => lines.push(`  ${url.padEnd(78)} ${name}`);
  screen(`${base}/counter/`, '窗口工作台 / 管理视图 (counter & manager)');
  if (config.services.some((x) => x.appointments)) screen(`${base}/kiosk/book.html`, '手机预约 / booking page (phones)');
  for (const d of config.devices) {
    const path = d.kind === 'kiosk' ? '/kiosk/' : '/display/';
    const window = d.kind === 'window-display' ? `window=${d.windowId}&` : '';
    screen(`${base}${path}?${window}key=${isDemo ? d.key : '<设备密钥 device key>'}`, d.name);
  }
  lines.push('\n  登录 Logins (工号 staff number):');
  for (const s of config.staff) lines.push(`    ${s.staffNo}  ${s.name}  ${s.role === 'clerk' ? '窗口人员 clerk' : s.role === 'manager' ? '管理员 manager' : '网络管理员 network manager'}`);
  lines.push(isDemo ? `  演示密码 Demo password: ${DEMO_PASSWORD}\n` : '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  tuneGarbageCollection();
  const missing = missingStartFlags();
  if (missing.length) log.warn({ missing }, `started without ${missing.join(' ')}: longer garbage-collection pauses (npm start gives them; see README, Running a hall)`);
  const configPath = resolve(process.env.HALL_CONFIG ?? DEMO_CONFIG);
  const { config, hash: configHash } = await readHallFile(configPath);
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '0.0.0.0';
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const options = {
    config,
    configHash,
    clock: process.env.HALL_CLOCK_START ? offsetClock(process.env.HALL_CLOCK_START) : systemClock,
    logger: log,
    publicUrl: process.env.PUBLIC_URL,
    networkPrinter: new EscposNetworkPrinter(),
    staticDir: process.env.HALL_DIST ?? fileURLToPath(new URL('../dist', import.meta.url)),
    trustProxy: trustProxy(process.env.TRUST_PROXY),
  };
  const announce = (hall: HallApp, addr: AddressInfo) => {
    // Listening on every interface: print the address phones on the hall's network can reach,
    // since the QR code on a slip carries the address the kiosk page was opened at.
    const lan = host === '0.0.0.0' || host === '::' ? lanAddress() : undefined;
    const shownHost = lan ?? (host === '0.0.0.0' || host === '::' ? 'localhost' : host);
    const base = process.env.PUBLIC_URL ?? `http://${shownHost}:${addr.port}`;
    if (process.env.QUIET_START !== '1') {
      // The configuration in force: the store's, which managers may have changed since the file.
      console.log(screenList(hall.engine.config, base, configPath === resolve(DEMO_CONFIG)));
      if (!process.env.PUBLIC_URL && !lan) console.log('  注意：手机需能访问本机才能扫码查看排队；请设置 PUBLIC_URL 为本机在局域网中的地址 / set PUBLIC_URL so phones can open the QR codes\n');
    }
    log.info({ port: addr.port, host, role: 'active', store: databaseUrl ? 'postgres' : dataDir, businessDate: hall.engine.data.meta.businessDate }, 'listening');
    const stop = async (signal: string) => {
      log.info({ signal }, 'stopping');
      await hall.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  };

  if (!databaseUrl) {
    // A HALL_CHECKPOINT_BYTES small limit makes checkpoints constant (the fault tests kill during them).
    const store = openStore(config, { dataDir, checkpointBytes: process.env.HALL_CHECKPOINT_BYTES ? Number(process.env.HALL_CHECKPOINT_BYTES) : undefined });
    const hall = await createApp({ ...options, store });
    announce(hall, await hall.listen(port, host));
    return;
  }

  // On PostgreSQL several servers may serve one hall: the one holding its lock is active,
  // the others answer as standbys (503 on /api/health) until it goes away.
  const lock = new HallLock(databaseUrl, config.hall.id);
  const held = await lock.tryAcquire().catch((e: Error) => {
    throw new StoreOpenError(`${safeUrl(databaseUrl)}: ${e.message}`);
  });
  const server = createExpressServer(standbyHandler);
  const addr = await new Promise<AddressInfo>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server.address() as AddressInfo));
  });
  if (!held) {
    log.info({ port: addr.port, host, role: 'standby', hallId: config.hall.id }, 'listening as a standby');
    await lock.acquire(1000, (err) => err && log.warn({ err }, 'standby: the database is not answering'));
    log.info({ hallId: config.hall.id }, 'taking over the hall');
  }
  lock.onLost((err) => {
    // Another server may take the hall now: this one must not serve it a moment longer.
    log.fatal({ err }, 'lost the hall lock: stopping');
    process.exit(1);
  });
  const hall = await createApp({ ...options, store: openStore(config, { databaseUrl, dataDir }), server });
  announce(hall, addr);
}

/** This machine's first IPv4 address on a network (not loopback), if it has one. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

/** TRUST_PROXY as Express takes it: "true", a hop count, or addresses and names such as "loopback". */
function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

// One request or socket that fails unexpectedly is logged; the hall goes on serving the rest.
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
process.on('uncaughtException', (err) => log.error({ err }, 'uncaught exception'));

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof StoreCorruptError || err instanceof StoreOpenError) console.error(`\n${err.message}\n`);
  else console.error(err);
  process.exit(1);
});
