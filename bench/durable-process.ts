import { startDurableRoute } from './routes.ts';

/**
 * The durable baseline's route in a process of its own, for the whole day's bench: it is
 * asked alongside the day (bench/lib.ts startDurableAlongside), so its event loop must not
 * be the server's. Reports its origin when listening; on `stop`, its fdatasyncs, then exits.
 */
const route = await startDurableRoute();
process.on('message', (m: { type: string }) => {
  if (m.type !== 'stop') return;
  const syncs = route.syncs;
  void route.close().then(() => process.send!({ syncs }, () => process.exit(0)));
});
process.send!({ origin: route.origin });
