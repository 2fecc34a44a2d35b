/**
 * A small A4 document writer over pdfkit for the record and review PDFs: headings, paragraphs, bordered
 * tables whose rows never split across pages (the header row repeats on each page), and "page n of N"
 * footers. Every text is drawn in Noto Sans SC given by path (see cjk-font.ts), so Chinese renders as
 * glyphs and comes back from text extraction.
 */
import PDFDocument from 'pdfkit';
import { cjkFontPaths } from './cjk-font.ts';
import type { Outline } from './document-outline.ts';

export type PdfTableColumn = { label: string; width: number; align?: 'left' | 'center' | 'right' };
export type PdfWriter = ReturnType<typeof createPdfWriter>;

const MARGIN = 48;
const FOOTER_SPACE = 24;
const CELL_PAD = 4;
const COLORS = { text: '#1f1f1f', muted: '#666666', rule: '#bfbfbf', header: '#ddebf7', accent: '#1f4e79' };

/**
 * A cell's text as separate lines. pdfkit counts a line feed's glyph as part of the line before it, so a
 * name that just fits wraps once it is followed by another line; drawing line by line avoids that.
 */
function cellLines(text: string): string[] {
  return (text || ' ').split('\n').map((line) => line || ' ');
}

/** Opens an A4 document; `finish(footer)` numbers the pages and resolves with the PDF bytes. */
export function createPdfWriter(info: { title: string; author: string; createdAt: Date }) {
  const fonts = cjkFontPaths();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_SPACE, left: MARGIN, right: MARGIN },
    bufferPages: true,
    font: fonts.regular,
    info: { Title: info.title, Author: info.author, Creator: 'Liaison', CreationDate: info.createdAt, ModDate: info.createdAt },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGIN;
  const contentWidth = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  const writer = {
    doc,
    contentWidth,
    title(text: string, subtitle?: string, meta?: string) {
      doc.font(fonts.bold).fontSize(18).fillColor(COLORS.accent).text(text, left, doc.y, { width: contentWidth, align: 'center' });
      if (subtitle) doc.moveDown(0.2).font(fonts.bold).fontSize(13).fillColor(COLORS.text).text(subtitle, { width: contentWidth, align: 'center' });
      if (meta) doc.moveDown(0.2).font(fonts.regular).fontSize(9).fillColor(COLORS.muted).text(meta, { width: contentWidth, align: 'center' });
      doc.moveDown(0.8).fillColor(COLORS.text);
    },
    heading(text: string, level: 1 | 2 | 3 = 1) {
      const size = level === 1 ? 14 : level === 2 ? 12 : 10.5;
      ensureSpace(size * 3.5);
      doc.moveDown(level === 1 ? 0.6 : 0.4);
      doc.font(fonts.bold).fontSize(size).fillColor(level === 1 ? COLORS.accent : COLORS.text).text(text, left, doc.y, { width: contentWidth });
      if (level === 1) {
        const y = doc.y + 2;
        doc.moveTo(left, y).lineTo(left + contentWidth, y).lineWidth(0.8).strokeColor(COLORS.accent).stroke();
        doc.y = y + 4;
      } else {
        doc.moveDown(0.2);
      }
      doc.font(fonts.regular).fontSize(10).fillColor(COLORS.text);
    },
    /** A labelled paragraph ("讨论要点：…"); an empty text prints nothing. */
    paragraph(text: string, options: { label?: string; muted?: boolean; size?: number } = {}) {
      if (!text && !options.label) return;
      const size = options.size ?? 10;
      ensureSpace(size * 2);
      doc.fontSize(size).fillColor(options.muted ? COLORS.muted : COLORS.text);
      if (options.label) {
        doc.font(fonts.bold).text(`${options.label}：`, left, doc.y, { width: contentWidth, continued: true });
        doc.font(fonts.regular).text(text || '—');
      } else {
        doc.font(fonts.regular).text(text, left, doc.y, { width: contentWidth });
      }
      doc.moveDown(0.25).fillColor(COLORS.text);
    },
    /** Two columns: bold labels, values (the template's 基础信息 box). */
    keyValues(rows: [string, string][], labelWidth = 110) {
      writer.table(
        [
          { label: '', width: labelWidth },
          { label: '', width: contentWidth - labelWidth },
        ],
        rows,
        { header: false, boldFirstColumn: true },
      );
    },
    /**
     * A bordered table; widths are proportions of the content width. A row moves whole to the next page
     * when it does not fit (the header repeats there); a row taller than a page flows as plain text.
     */
    table(columns: PdfTableColumn[], rows: string[][], options: { header?: boolean; boldFirstColumn?: boolean; size?: number } = {}) {
      const size = options.size ?? 9;
      const total = columns.reduce((sum, c) => sum + c.width, 0);
      const widths = columns.map((c) => (c.width / total) * contentWidth);
      const showHeader = options.header ?? true;
      const measure = (cells: string[], bold: boolean[]) =>
        Math.max(
          ...cells.map((text, i) => {
            doc.font(bold[i] ? fonts.bold : fonts.regular).fontSize(size);
            return cellLines(text).reduce((sum, line) => sum + doc.heightOfString(line, { width: widths[i]! - 2 * CELL_PAD }), 0);
          }),
        ) + 2 * CELL_PAD;
      const draw = (cells: string[], height: number, style: { fill?: string; bold: boolean[] }) => {
        let x = left;
        const y = doc.y;
        cells.forEach((text, i) => {
          const w = widths[i]!;
          if (style.fill) doc.rect(x, y, w, height).fillColor(style.fill).fill();
          doc.rect(x, y, w, height).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
          doc.font(style.bold[i] ? fonts.bold : fonts.regular).fontSize(size).fillColor(COLORS.text);
          doc.y = y + CELL_PAD;
          for (const line of cellLines(text)) doc.text(line, x + CELL_PAD, doc.y, { width: w - 2 * CELL_PAD, align: columns[i]!.align ?? 'left' });
          x += w;
        });
        doc.x = left;
        doc.y = y + height;
      };
      const headerCells = columns.map((c) => c.label);
      const headerBold = columns.map(() => true);
      const headerHeight = showHeader ? measure(headerCells, headerBold) : 0;
      const drawHeader = () => showHeader && draw(headerCells, headerHeight, { fill: COLORS.header, bold: headerBold });
      const usable = bottom() - doc.page.margins.top;
      ensureSpace(headerHeight + size * 3);
      drawHeader();
      for (const cells of rows) {
        const bold = cells.map((_, i) => i === 0 && Boolean(options.boldFirstColumn));
        const height = measure(cells, bold);
        if (height + headerHeight > usable) {
          // Too tall for any page: print the row as text so nothing is cut off.
          doc.moveDown(0.3);
          cells.forEach((text, i) => writer.paragraph(text, { label: columns[i]!.label || undefined, size }));
          drawHeader();
          continue;
        }
        if (doc.y + height > bottom()) {
          doc.addPage();
          drawHeader();
        }
        draw(cells, height, { bold });
      }
      doc.moveDown(0.5);
    },
    space(lines = 0.5) {
      doc.moveDown(lines);
    },
    /** Numbers every page in the footer and ends the document. */
    async finish(footer: (page: number, of: number) => string): Promise<Buffer> {
      const range = doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const bottomMargin = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font(fonts.regular)
          .fontSize(8)
          .fillColor(COLORS.muted)
          .text(footer(i - range.start + 1, range.count), left, doc.page.height - MARGIN - 4, { width: contentWidth, align: 'center', lineBreak: false });
        doc.page.margins.bottom = bottomMargin;
      }
      doc.end();
      return done;
    },
  };
  return writer;
}

/** Draws any outline (minutes or review) as an A4 PDF. */
export async function renderOutlinePdf(outline: Outline): Promise<Buffer> {
  const pdf = createPdfWriter({ title: outline.title, author: outline.author, createdAt: outline.createdAt });
  for (const block of outline.blocks) {
    switch (block.type) {
      case 'title':
        pdf.title(block.text, block.subtitle, block.meta);
        break;
      case 'heading':
        pdf.heading(block.text, block.level);
        break;
      case 'paragraph':
        pdf.paragraph(block.text, block);
        break;
      case 'keyValues':
        pdf.keyValues(block.rows);
        break;
      case 'table':
        pdf.table(block.columns, block.rows);
        break;
    }
  }
  return pdf.finish((page, of) => `${outline.footerText} · ${outline.pageLabel(page, of)}`);
}
