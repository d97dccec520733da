import type { Chart } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { HourRow } from '../../../../shared/reports/hourly.ts';
import { useT } from '../../use-t.ts';

type HourChart = Chart<'bar' | 'line', Array<number | null>, string>;

// Chart.js is loaded when a chart is first shown, so clerks' terminals never download it.
let chartJs: Promise<typeof import('chart.js')> | undefined;
function loadChartJs() {
  chartJs ??= import('chart.js').then((m) => {
    m.Chart.register(m.BarController, m.BarElement, m.LineController, m.LineElement, m.PointElement, m.CategoryScale, m.LinearScale, m.Legend, m.Tooltip);
    return m;
  });
  return chartJs;
}

/** Show at least the usual office day; widen to any hour that had activity. */
export function visibleHours(hours: HourRow[]): HourRow[] {
  const active = hours.filter((h) => h.issued > 0 || h.served > 0 || (h.waiting ?? 0) > 0).map((h) => h.hour);
  const first = Math.min(8, ...active);
  const last = Math.max(17, ...active);
  return hours.filter((h) => h.hour >= first && h.hour <= last);
}

function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    issued: v('--blue-700', '#1150a8'),
    served: v('--green-700', '#17693a'),
    waiting: v('--amber-800', '#8a4b00'),
    grid: v('--grey-200', '#e1e5eb'),
    text: v('--grey-700', '#3d4451'),
    font: v('--font', 'sans-serif'),
  };
}

/** Issued vs served per hour today (bars), with the queue length at each hour's end (line). */
export function HourlyChart({ hours }: { hours: HourRow[] }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<HourChart>();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let gone = false;
    void loadChartJs().then(({ Chart }) => {
      if (gone || !canvas.current) return;
      const c = palette();
      const tick = { color: c.text, font: { family: c.font, size: 13 } };
      chart.current = new Chart<'bar' | 'line', Array<number | null>, string>(canvas.current, {
        type: 'bar',
        data: { labels: [], datasets: [] },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          // Redrawn every time the hall changes: movement would only distract.
          animation: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { grid: { display: false }, ticks: { ...tick, maxRotation: 0, autoSkip: true } },
            y: { beginAtZero: true, grid: { color: c.grid }, ticks: { ...tick, precision: 0 } },
          },
          plugins: {
            legend: { position: 'top', align: 'end', labels: { color: c.text, boxWidth: 14, boxHeight: 14, font: { family: c.font, size: 14 }, sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
            tooltip: { titleFont: { family: c.font, size: 14 }, bodyFont: { family: c.font, size: 14 } },
          },
        },
      });
      setReady(true);
    });
    return () => {
      gone = true;
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, []);

  const labels = [t('hourly.issued'), t('hourly.served'), t('hourly.waiting')] as const;
  useEffect(() => {
    const ch = chart.current;
    if (!ch) return;
    const c = palette();
    const shown = visibleHours(hours);
    ch.data.labels = shown.map((h) => `${String(h.hour).padStart(2, '0')}:00`);
    ch.data.datasets = [
      { type: 'bar', label: labels[0], data: shown.map((h) => h.issued), backgroundColor: c.issued, borderRadius: 4, maxBarThickness: 26, order: 2 },
      { type: 'bar', label: labels[1], data: shown.map((h) => h.served), backgroundColor: c.served, borderRadius: 4, maxBarThickness: 26, order: 2 },
      { type: 'line', label: labels[2], data: shown.map((h) => h.waiting), borderColor: c.waiting, backgroundColor: c.waiting, borderWidth: 2, pointRadius: 3, tension: 0.3, order: 1 },
    ];
    ch.update();
  }, [hours, ready, labels[0]]);

  return (
    <div class="mgr-chart" data-testid="hourly-chart" data-ready={ready ? 'yes' : undefined}>
      <canvas ref={canvas} role="img" aria-label={t('hourly.label')} />
    </div>
  );
}
