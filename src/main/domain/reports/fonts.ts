import fs from 'node:fs';

/**
 * The typeface of the reports: DejaVu Sans, shipped with the app
 * (dejavu-fonts-ttf), in the charts and embedded in the PDF. Without one the
 * charts' text is blank on a computer with no system fonts, and the PDF's
 * built-in Helvetica garbles ≥ and ≠. Read with fs and handed over as bytes,
 * never as a path: fs reads inside app.asar, the native canvas and jsPDF do not.
 */
export interface ReportFonts {
  normal: Buffer;
  bold: Buffer;
}

let fonts: ReportFonts | undefined;

/** The two faces, read once per process. */
export function reportFonts(): ReportFonts {
  fonts ??= {
    normal: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}
