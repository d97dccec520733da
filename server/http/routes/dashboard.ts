import { Router } from 'express';
import { computeSummary } from '../../../shared/reports/summary.ts';
import { hallView } from '../../../shared/views.ts';
import type { HallEngine } from '../../hall/engine.ts';
import { liveFacts } from '../../reports/report-days.ts';
import { requireStaff } from '../guards.ts';

/** The manager's live view of the hall: queues now, today's figures, faults and follow-ups. */
export function dashboardRoutes(engine: HallEngine): Router {
  const r = Router();
  r.get('/manager/dashboard', async (req, res) => {
    const devices = new Map(engine.config.devices.map((d) => [d.id, d.name]));
    requireStaff(req, 'manager');
    await engine.ensureBusinessDate();
    const now = engine.now();
    const model = engine.model;
    const today = model.data.meta.businessDate!;
    const summary = computeSummary(engine.config, [liveFacts(engine)], { from: today, to: today }, { now });
    const queues = engine.config.services.map((s) => {
      const waiting = model.waitingForService(s.id);
      const oldest = waiting.reduce<number | undefined>((min, t) => (min === undefined || t.enqueuedAt < min ? t.enqueuedAt : min), undefined);
      return { serviceId: s.id, waiting: waiting.length, longestWaitSeconds: oldest !== undefined ? Math.round((now - oldest) / 1000) : 0 };
    });
    const reviews = Object.values(model.data.reviews).filter((rv) => rv.status === 'open');
    res.json({
      now,
      businessDate: today,
      hall: hallView(model, now),
      queues,
      today: {
        issued: summary.hall.issued,
        calls: summary.hall.calls,
        served: summary.hall.served,
        noShows: summary.hall.noShows,
        serviceLevel: summary.hall.serviceLevel,
        satisfactionRate: summary.hall.satisfactionRate,
        ratings: summary.hall.ratings.count,
        averageWaitSeconds: summary.hall.waitSeconds.average,
      },
      printerFaults: Object.values(model.data.printerFaults)
        .sort((a, b) => b.at - a.at)
        .slice(0, 20)
        .map((f) => ({ ...f, deviceName: devices.get(f.deviceId) ?? f.deviceId })),
      openReviews: reviews.length,
      overdueReviews: reviews.filter((rv) => today > rv.dueDate).length,
      pendingCases: Object.keys(model.data.cases).length,
    });
  });
  return r;
}
