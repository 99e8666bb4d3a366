/** Vector charts drawn with pdfkit primitives: no raster images, crisp when printed. */

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Series {
  label: string;
  color: string;
  /** One value per x label; null leaves a gap (e.g. a suppressed small count). */
  values: (number | null)[];
}

const AXIS = '#444444';
const GRID = '#dddddd';

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= value) as number;
}

function axes(doc: PDFKit.PDFDocument, box: ChartBox, max: number, unit: string): void {
  doc.save().lineWidth(0.5).fontSize(7).fillColor(AXIS);
  for (let i = 0; i <= 4; i += 1) {
    const y = box.y + box.height - (box.height * i) / 4;
    doc.strokeColor(GRID).moveTo(box.x, y).lineTo(box.x + box.width, y).stroke();
    doc.text(`${Math.round((max * i) / 4 * 10) / 10}${unit}`, box.x - 40, y - 3, { width: 36, align: 'right' });
  }
  doc.strokeColor(AXIS).moveTo(box.x, box.y).lineTo(box.x, box.y + box.height).lineTo(box.x + box.width, box.y + box.height).stroke();
  doc.restore();
}

function xLabels(doc: PDFKit.PDFDocument, box: ChartBox, labels: string[], xAt: (i: number) => number): void {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  doc.save().fontSize(7).fillColor(AXIS);
  labels.forEach((label, i) => {
    if (i % every === 0) doc.text(label, xAt(i) - 25, box.y + box.height + 4, { width: 50, align: 'center' });
  });
  doc.restore();
}

function legend(doc: PDFKit.PDFDocument, box: ChartBox, series: Series[]): void {
  let x = box.x;
  doc.save().fontSize(8);
  for (const s of series) {
    doc.rect(x, box.y + box.height + 18, 8, 8).fill(s.color);
    doc.fillColor(AXIS).text(s.label, x + 11, box.y + box.height + 18, { lineBreak: false });
    x += 14 + doc.widthOfString(s.label) + 12;
  }
  doc.restore();
}

/** Lines over shared x labels, one per series. */
export function lineChart(doc: PDFKit.PDFDocument, box: ChartBox, labels: string[], series: Series[], unit = ''): void {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const xAt = (i: number) => box.x + (labels.length <= 1 ? box.width / 2 : (box.width * i) / (labels.length - 1));
  const yAt = (v: number) => box.y + box.height - (box.height * v) / max;
  axes(doc, box, max, unit);
  for (const s of series) {
    doc.save().lineWidth(1.5).strokeColor(s.color).fillColor(s.color);
    let drawing = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xAt(i), yAt(v));
      else doc.moveTo(xAt(i), yAt(v));
      drawing = true;
    });
    doc.stroke();
    s.values.forEach((v, i) => {
      if (v !== null) doc.circle(xAt(i), yAt(v), 1.5).fill();
    });
    doc.restore();
  }
  xLabels(doc, box, labels, xAt);
  legend(doc, box, series);
}

/** One bar per label; a null value draws no bar and is labelled as not shown. */
export function barChart(doc: PDFKit.PDFDocument, box: ChartBox, labels: string[], values: (number | null)[], color: string, unit = ''): void {
  const max = niceMax(Math.max(0, ...values.filter((v): v is number => v !== null)));
  const slot = box.width / Math.max(1, labels.length);
  const xAt = (i: number) => box.x + slot * i + slot / 2;
  axes(doc, box, max, unit);
  values.forEach((v, i) => {
    const barWidth = Math.min(40, slot * 0.6);
    if (v === null) {
      doc.save().fontSize(7).fillColor(AXIS).text('not shown', xAt(i) - 25, box.y + box.height - 12, { width: 50, align: 'center' }).restore();
      return;
    }
    const h = (box.height * v) / max;
    doc.save().rect(xAt(i) - barWidth / 2, box.y + box.height - h, barWidth, h).fill(color).restore();
    doc.save().fontSize(7).fillColor(AXIS).text(`${v}${unit}`, xAt(i) - 25, box.y + box.height - h - 10, { width: 50, align: 'center' }).restore();
  });
  xLabels(doc, box, labels, xAt);
}
