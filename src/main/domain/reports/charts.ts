import type * as NapiCanvas from '@napi-rs/canvas';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, type ChartConfiguration, type Plugin } from 'chart.js';
import { bandLabel, thousands } from '../../../shared/bands';
import { categoryLabels } from '../../../shared/domain';
import { formatShare } from '../../../shared/format';
import type { SegmentDetail } from '../../../shared/segmentDetail';
import { segmentColour } from './content';
import { reportFonts } from './fonts';

/**
 * The report's charts: Chart.js drawing on @napi-rs/canvas (Skia), no DOM.
 * Each compares the segment with all customers matching the filters, as
 * shares so that sizes compare, like the detail view's charts. Paper has no
 * tooltips, so every bar carries its share. JPEG, because jsPDF embeds a JPEG
 * as it is and spends about 250 ms re-compressing each PNG.
 */

export interface ChartImage {
  /** JPEG bytes. */
  data: Uint8Array;
  /** The drawing's size in CSS pixels (the bitmap is `pixelRatio` times larger): its aspect ratio, and the scale of its 11 px text. */
  width: number;
  height: number;
}

export interface ReportCharts {
  categoryMix: ChartImage;
  spend: ChartImage;
  /** Null when no customer of the segment bought at a known outlet. */
  outlets: ChartImage | null;
}

/** 2.5 × the CSS size: about 240 dpi where the PDF prints a 640 px chart 170 mm wide. */
const pixelRatio = 2.5;
const jpegQuality = 92;
const fontFamily = 'ReportSans';
/** All matching customers: the detail view's grey. */
const allColour = '#8a8f98';

let canvasModule: typeof NapiCanvas | undefined;

/** The native canvas, loaded on first use, with the report font registered and Chart.js set up. */
function napiCanvas(): typeof NapiCanvas {
  if (canvasModule) return canvasModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('@napi-rs/canvas') as typeof NapiCanvas;
  const fonts = reportFonts();
  if (!loaded.GlobalFonts.register(fonts.normal, fontFamily) || !loaded.GlobalFonts.register(fonts.bold, fontFamily)) {
    throw new Error('The report font could not be registered with the chart canvas');
  }
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);
  Chart.defaults.font.family = fontFamily;
  Chart.defaults.font.size = 11;
  Chart.defaults.color = '#333333';
  canvasModule = loaded;
  return loaded;
}

/** A canvas is transparent and JPEG has no alpha: paint the page white under the chart. */
const whiteBackground: Plugin<'bar'> = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Each bar's share written at its end. */
const valueLabels: Plugin<'bar'> = {
  id: 'valueLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.font = `9px ${fontFamily}`;
    ctx.fillStyle = '#333333';
    ctx.textAlign = horizontal ? 'left' : 'center';
    ctx.textBaseline = horizontal ? 'middle' : 'bottom';
    chart.data.datasets.forEach((dataset, i) => {
      chart.getDatasetMeta(i).data.forEach((bar, j) => {
        const share = Number(dataset.data[j] ?? 0);
        const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
        ctx.fillText(formatShare(share), horizontal ? x + 3 : x, horizontal ? y : y - 2);
      });
    });
    ctx.restore();
  },
};

/** Draws a bar chart; the image is `width × height` CSS px at `pixelRatio`. */
function renderChart(config: ChartConfiguration<'bar', number[], string | string[]>, width: number, height: number): ChartImage {
  const { createCanvas } = napiCanvas();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext('2d') as unknown as ConstructorParameters<typeof Chart>[0], {
    ...config,
    options: { ...config.options, animation: false, responsive: false, devicePixelRatio: pixelRatio, events: [] },
    plugins: [whiteBackground, valueLabels],
  });
  try {
    return { data: canvas.encodeSync('jpeg', jpegQuality), width, height };
  } finally {
    // Chart.instances keeps every chart not destroyed: a leak in a long-lived process.
    chart.destroy();
  }
}

interface Comparison {
  labels: Array<string | string[]>;
  /** The segment's and all matching customers' amount per label. */
  segment: number[];
  all: number[];
  /** What each share is of; the sum of the amounts unless given (a customer counts at every outlet used). */
  totals?: { segment: number; all: number };
  horizontal?: boolean;
}

function comparisonConfig(c: Comparison, segmentName: string): ChartConfiguration<'bar', number[], string | string[]> {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const segmentTotal = Math.max(1, c.totals?.segment ?? sum(c.segment));
  const allTotal = Math.max(1, c.totals?.all ?? sum(c.all));
  const valueAxis = c.horizontal ? 'x' : 'y';
  const labelAxis = c.horizontal ? 'y' : 'x';
  return {
    type: 'bar',
    data: {
      labels: c.labels,
      datasets: [
        { label: segmentName, data: c.segment.map((v) => v / segmentTotal), backgroundColor: segmentColour, borderWidth: 0 },
        { label: 'All matching customers', data: c.all.map((v) => v / allTotal), backgroundColor: allColour, borderWidth: 0 },
      ],
    },
    options: {
      indexAxis: labelAxis,
      layout: { padding: { top: 4, right: 8, bottom: 0, left: 0 } },
      plugins: { legend: { position: 'top', align: 'start', labels: { boxWidth: 10, boxHeight: 10 } } },
      scales: {
        // Room past the longest bar for its label.
        [valueAxis]: { beginAtZero: true, grace: '14%', ticks: { callback: (v: string | number) => formatShare(Number(v)), maxTicksLimit: 6 } },
        [labelAxis]: { grid: { display: false }, ticks: { autoSkip: false, maxRotation: 0 } },
      },
    },
  };
}

/** Share of spend per category: the segment's mix beside everyone's. */
export function categoryMixChart(d: SegmentDetail): ChartImage {
  const categories = ['fresh', 'dry', 'luxury'] as const;
  const config = comparisonConfig(
    {
      labels: categories.map((c) => categoryLabels[c]),
      segment: categories.map((c) => d.categorySpend.segment[c]),
      all: categories.map((c) => d.categorySpend.all[c]),
    },
    d.name,
  );
  return renderChart(config, 300, 270);
}

/** Share of customers per band of spend in the data window (in the chain's currency; the chart's title names it). */
export function spendChart(d: SegmentDetail): ChartImage {
  // Two lines a label ("Under" / "5K", "5K–" / "10K") so seven bands fit side by side without turning.
  const labels = d.spend.map((b) => {
    const label = bandLabel(b, d.measure === 'items' ? String : thousands);
    if (label.startsWith('Under ')) return ['Under', label.slice('Under '.length)];
    if (label.endsWith(' and over')) return [label.slice(0, -' and over'.length), 'and over'];
    const dash = label.indexOf('–');
    return dash > 0 ? [label.slice(0, dash + 1), label.slice(dash + 1)] : label;
  });
  const config = comparisonConfig({ labels, segment: d.spend.map((b) => b.customers), all: d.spend.map((b) => b.allCustomers) }, d.name);
  return renderChart(config, 460, 270);
}

/** Share of customers who bought at each of the segment's top outlets. */
export function outletChart(d: SegmentDetail): ChartImage | null {
  const top = d.outlets.top;
  if (top.length === 0) return null;
  const config = comparisonConfig(
    {
      labels: top.map((o) => o.name),
      segment: top.map((o) => o.customers),
      all: top.map((o) => o.allCustomers),
      totals: { segment: d.customers, all: d.allCustomers },
      horizontal: true,
    },
    d.name,
  );
  return renderChart(config, 680, 60 + top.length * 30);
}

export function reportCharts(d: SegmentDetail): ReportCharts {
  return { categoryMix: categoryMixChart(d), spend: spendChart(d), outlets: outletChart(d) };
}
