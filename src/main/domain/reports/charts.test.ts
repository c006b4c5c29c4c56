import { GlobalFonts, loadImage, createCanvas } from '@napi-rs/canvas';
import { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { sampleReportDocument } from '../../testing/reportFixture';
import { reportCharts, type ChartImage } from './charts';

/** Pixels of the image close to `rgb`. */
async function pixelsNear(image: ChartImage, rgb: [number, number, number]): Promise<number> {
  const decoded = await loadImage(Buffer.from(image.data));
  const canvas = createCanvas(decoded.width, decoded.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(decoded, 0, 0);
  const { data } = ctx.getImageData(0, 0, decoded.width, decoded.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - rgb[0]) + Math.abs(data[i + 1]! - rgb[1]) + Math.abs(data[i + 2]! - rgb[2]) < 30) n++;
  }
  return n;
}

describe('the report charts', () => {
  const detail = sampleReportDocument().detail;

  it('draws the category mix, spend and outlet charts as sharp JPEGs on white, the segment in its colour', async () => {
    const charts = reportCharts(detail);
    for (const image of [charts.categoryMix, charts.spend, charts.outlets!]) {
      const decoded = await loadImage(Buffer.from(image.data));
      expect([image.data[0], image.data[1]]).toEqual([0xff, 0xd8]); // JPEG
      expect([decoded.width, decoded.height]).toEqual([image.width * 2.5, image.height * 2.5]);
      expect(await pixelsNear(image, [255, 255, 255])).toBeGreaterThan(decoded.width * decoded.height * 0.4);
      expect(await pixelsNear(image, [0x1f, 0x5f, 0xbf])).toBeGreaterThan(1_000);
    }
  });

  it('sizes the outlet chart by the outlets it shows, and leaves it out when there are none', () => {
    const ten = reportCharts(detail).outlets!;
    const three = reportCharts({ ...detail, outlets: { top: detail.outlets.top.slice(0, 3), used: 3 } }).outlets!;
    expect(three.height).toBeLessThan(ten.height);
    expect(reportCharts({ ...detail, outlets: { top: [], used: 0 } }).outlets).toBeNull();
  });

  it('draws its text in the shipped font and keeps no chart alive afterwards', () => {
    reportCharts(detail);
    expect(GlobalFonts.families.map((f) => f.family)).toContain('ReportSans');
    expect(Object.keys(Chart.instances)).toEqual([]);
  });
});
