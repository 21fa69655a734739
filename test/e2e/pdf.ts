/**
 * What a printed PDF holds, read back with Mozilla's pdf.js (a dev dependency; no system tools): each page's
 * text and how many pictures it paints (a chart's canvas prints as one).
 */
import { writeFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfPage {
  text: string;
  images: number;
}

export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    const operators = await page.getOperatorList();
    const images = operators.fnArray.filter((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject).length;
    pages.push({ text, images });
  }
  await doc.destroy();
  return pages;
}

/** Draws page `n` of a PDF as a PNG file, to look at what printing gave (pdf.js with @napi-rs/canvas). */
export async function pdfPagePng(pdf: Uint8Array, n: number, file: string, scale = 1.5): Promise<void> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  if (n > doc.numPages) return void (await doc.destroy());
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale });
  const factory = doc.canvasFactory as { create: (width: number, height: number) => unknown };
  const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height)) as {
    canvas: { toBuffer: (type: string) => Buffer };
    context: CanvasRenderingContext2D;
  };
  await page.render({ canvasContext: context, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
  writeFileSync(file, canvas.toBuffer('image/png'));
  await doc.destroy();
}
