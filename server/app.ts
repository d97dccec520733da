import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import proxyaddr from 'proxy-addr';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import type { HallConfig } from '../shared/config-schema.ts';
import { DomainError } from '../shared/errors.ts';
import { socketPath } from '../shared/events.ts';
import type { Clock } from './clock.ts';
import { HallEngine } from './hall/engine.ts';
import { sha256 } from './ids.ts';
import { OutboxSender } from './outbox/sender.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { createExpressServer, serveApp } from './http/express-server.ts';
import { dashboardRoutes } from './http/routes/dashboard.ts';
import { Authenticator, bearer } from './http/identity.ts';
import { adminRoutes } from './http/routes/admin.ts';
import { appointmentRoutes } from './http/routes/appointments.ts';
import { authRoutes } from './http/routes/auth.ts';
import { leaveRoutes } from './http/routes/leave.ts';
import { caseRoutes } from './http/routes/cases.ts';
import { hallRoutes } from './http/routes/hall.ts';
import { reportRoutes } from './http/routes/reports.ts';
import { reviewRoutes } from './http/routes/reviews.ts';
import { ticketRoutes } from './http/routes/tickets.ts';
import { windowRoutes } from './http/routes/windows.ts';
import type { NetworkSlipPrinter } from './printing/printer.ts';
import { attachRealtime, type HallServer } from './realtime/socket.ts';
import type { Store } from './store/store.ts';

export interface AppOptions {
  /** The hall file's configuration: it seeds an empty store; the store's is used from then on. */
  config: HallConfig;
  /** A hash of the hall file's text (main.ts); a different one at start imports the file. Default: of `config`. */
  configHash?: string;
  store: Store;
  clock: Clock;
  logger?: Logger;
  /** Base of the URLs printed in QR codes; defaults to the address the kiosk used. */
  publicUrl?: string;
  networkPrinter?: NetworkSlipPrinter;
  /** Built front ends (Vite output), served at /kiosk/, /counter/, /display/. */
  staticDir?: string;
  /** Express `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For names the client, for the limits. */
  trustProxy?: boolean | number | string;
  /** How the ratings outbox reaches the province (tests may wrap it); default `fetch`. */
  exportFetch?: typeof fetch;
  /** An HTTP server already listening (a standby taking over): the app takes over its requests. */
  server?: HttpServer;
}

export interface HallApp {
  app: express.Express;
  server: HttpServer;
  io: HallServer;
  engine: HallEngine;
  listen(port: number, host?: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

const DAY_CHECK_MS = 15_000;

/** Builds the whole hall server without listening. */
export async function createApp(options: AppOptions): Promise<HallApp> {
  const { config, store, clock } = options;
  const log = options.logger ?? pino({ level: 'silent' });
  const onError = (err: unknown, context: string) => log.error({ err }, context);
  const engine = new HallEngine(config, store, clock, onError, options.configHash ?? sha256(JSON.stringify(config)));
  await engine.open();
  const auth = new Authenticator(() => engine.config, () => engine.data, () => clock.now());
  const outbox = new OutboxSender(engine, onError, options.exportFetch);
  // Limits are read per request: a manager's change applies at once.
  const limits = () => engine.config.limits;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(helmet(securityHeaders));
  app.use(express.json({ limit: '16kb' }));

  const tooMany = () => new DomainError('RATE_LIMITED');
  // X-Forwarded-For is honoured only as TRUST_PROXY says; a client that sends one anyway is counted by its address.
  const limiterDefaults = { windowMs: 60_000, standardHeaders: 'draft-8', legacyHeaders: false, validate: { xForwardedForHeader: false } } as const;
  const issueLimiter = rateLimit({
    ...limiterDefaults,
    limit: () => limits().issuePerMinutePerDevice,
    keyGenerator: (req) => (req.identity?.kind === 'device' ? req.identity.device.id : 'anonymous'),
    handler: (_req, _res, next) => next(tooMany()),
  });
  const loginLimiter = rateLimit({ ...limiterDefaults, limit: () => limits().loginPerMinutePerAddress, handler: (_req, _res, next) => next(tooMany()) });
  // Ticket pages are opened by phones, not guessed: a generous limit per address stops guessing loops.
  const holderLimiter = rateLimit({ ...limiterDefaults, limit: () => limits().ticketPagePerMinutePerAddress, handler: (_req, _res, next) => next(tooMany()) });

  const publicUrl = (req: Request) => options.publicUrl ?? engine.config.hall.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  const api = express.Router();
  api.use((req, _res, next) => {
    req.identity = auth.identify(bearer(req.headers.authorization));
    next();
  });
  api.use(hallRoutes(engine));
  api.use(authRoutes(engine, loginLimiter));
  const ticketDeps = { engine, issueLimiter, holderLimiter, publicUrl, networkPrinter: options.networkPrinter };
  api.use(appointmentRoutes(ticketDeps));
  api.use(ticketRoutes(ticketDeps));
  api.use(windowRoutes(engine));
  api.use(caseRoutes(engine));
  api.use(reviewRoutes(engine));
  api.use(reportRoutes(engine));
  api.use(dashboardRoutes(engine));
  api.use(adminRoutes(engine, outbox));
  api.use(leaveRoutes(engine));
  api.use(notFound);
  app.use('/api', api);

  // The bare address is for people at a staff PC: send them to the staff app.
  app.get('/', (_req, res) => res.redirect('/counter/'));
  if (options.staticDir && existsSync(options.staticDir)) {
    app.use(express.static(options.staticDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
  }
  app.use(errorHandler(log));

  const server = options.server ?? createExpressServer();
  // A standby's server answered with its own handler until now: from here on the hall's app does.
  serveApp(server, app);
  const io: HallServer = new Server(server, { path: socketPath, serveClient: false, cors: { origin: false } });
  const handshakes = new MemoryStore();
  const refusedHandshakes = new MemoryStore();
  for (const s of [handshakes, refusedHandshakes]) s.init({ windowMs: 60_000 } as Parameters<MemoryStore['init']>[0]);
  const trust = app.get('trust proxy fn') as Parameters<typeof proxyaddr>[1];
  const detachRealtime = attachRealtime(io, engine, auth, {
    clientAddress: (req) => proxyaddr(req, trust),
    admitHandshake: async (address) => {
      if ((await handshakes.increment(address)).totalHits > limits().socketHandshakePerMinutePerAddress) return false;
      return ((await refusedHandshakes.get(address))?.totalHits ?? 0) < limits().loginPerMinutePerAddress;
    },
    refusedHandshake: async (address) => void (await refusedHandshakes.increment(address)),
    onError,
  });

  const dayTimer = setInterval(() => {
    engine.ensureBusinessDate().catch((err) => log.error({ err }, 'closing the business date failed'));
  }, DAY_CHECK_MS);
  dayTimer.unref();

  return {
    app,
    server,
    io,
    engine,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    async close() {
      clearInterval(dayTimer);
      outbox.stop();
      handshakes.shutdown();
      refusedHandshakes.shutdown();
      detachRealtime();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await store.close();
    },
  };
}

/**
 * The screens load only their own scripts and styles; QR codes are data: images. Halls serve
 * over plain HTTP on their LAN, so no upgrade to HTTPS and no HSTS (a TLS proxy adds its own).
 */
const securityHeaders: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      imgSrc: ["'self'", 'data:'],
      mediaSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
    },
  },
  strictTransportSecurity: false,
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** Screens must pick up a new build at once; hashed assets may be cached. */
function noCacheHtml(res: express.Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
