import { Api } from '../tests/support/harness.ts';
import { atRate } from './lib.ts';

/**
 * The durable baseline's requests at the day's pace, sent as the day's are (bench/day.ts):
 * from a process of its own on the load generators' CPUs, through the same client, so the
 * day and its baseline differ in the server alone.
 *
 * argv: server url, requests per second, total. Sends every request's time over IPC.
 */
async function main(): Promise<void> {
  const [url, perSecond, total] = process.argv.slice(2);
  const api = new Api(url);
  const samples = await atRate(Number(perSecond), Number(total), async () => {
    const r = await api.post('/durable', { serviceId: 's1' });
    if (r.status !== 201) throw new Error(`durable route answered ${r.status}`);
  });
  process.send!(samples, () => process.exit(0));
}

void main();
