import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Chart.js, bundled and tree-shaken to bars and lines. The canvas has a label; every chart on a
// page also has its figures in a table for screen readers and keyboards.

ChartJs.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#4b5563'];

export interface Series {
  label: string;
  values: number[];
}

export function Chart({
  kind,
  labels,
  series,
  label,
  stacked = false,
  height = 260,
}: {
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
  label: string;
  stacked?: boolean;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJs | null>(null);

  useEffect(() => {
    const ctx = canvas.current?.getContext?.('2d');
    if (!ctx) return; // no canvas support (unit tests): the table still shows the figures
    // Text and grid in the theme's colours (styles.css gives the canvas both).
    const style = getComputedStyle(canvas.current!);
    const text = style.color;
    const grid = { color: style.borderTopColor };
    const config: ChartConfiguration = {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: PALETTE[i % PALETTE.length],
          borderColor: PALETTE[i % PALETTE.length],
          borderWidth: kind === 'line' ? 2 : 0,
          pointRadius: kind === 'line' ? 0 : undefined,
          tension: 0.25,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: text,
        plugins: { legend: { display: series.length > 1, position: 'bottom', labels: { color: text } } },
        scales: {
          x: { stacked, ticks: { maxRotation: 0, autoSkip: true, color: text }, grid },
          y: { stacked, beginAtZero: true, ticks: { color: text }, grid },
        },
      },
    };
    if (chart.current) {
      chart.current.data = config.data;
      chart.current.update();
    } else {
      chart.current = new ChartJs(ctx, config);
    }
  }, [kind, JSON.stringify(labels), JSON.stringify(series), stacked]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} data-points={labels.length} />
    </div>
  );
}
