/**
 * The record (or one meeting's minutes) as a Word document, drawn from the same outline as the PDF.
 * Word picks fonts per script: the document default and the theme name an East Asian font (微软雅黑, with
 * 等线 / PingFang SC / Noto Sans CJK SC as Word's usual substitutes) and mark East Asian text as zh-CN, so
 * Chinese is set in a Chinese face instead of falling back to a Latin one. No font is embedded: every
 * Word and WPS install has one of these, and embedding a CJK font would add megabytes to each file.
 */
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { CollaborationExport } from './collaboration-export.ts';
import { minutesOutline } from './minutes-outline.ts';
import type { Outline, OutlineBlock } from './document-outline.ts';

const EAST_ASIAN_FONT = 'Microsoft YaHei';
const LATIN_FONT = 'Calibri';
const font = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: EAST_ASIAN_FONT, cs: LATIN_FONT };
const language = { value: 'zh-CN', eastAsia: 'zh-CN' };
const rule = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };
const borders = { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule };

/** The .docx bytes of the whole record, or of one meeting when the model was loaded for one. */
export async function renderMinutesDocx(model: CollaborationExport): Promise<Buffer> {
  return renderOutlineDocx(minutesOutline(model));
}

/** Lines of a text as runs separated by breaks (Word ignores "\n" inside a run). */
function runs(text: string, options: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font, language, ...options }));
}

function cell(text: string, width: number, options: { header?: boolean; bold?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DDEBF7' } : undefined,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    children: [new Paragraph({ children: runs(text, { bold: Boolean(options.header || options.bold), size: 19 }) })],
  });
}

function table(columns: { label: string; width: number }[], rows: string[][], options: { header: boolean; boldFirstColumn?: boolean }): Table {
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / total) * 100));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      ...(options.header ? [new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.label, widths[i]!, { header: true })) })] : []),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, widths[i]!, { bold: i === 0 && options.boldFirstColumn })) })),
    ],
  });
}

function blockToWord(block: OutlineBlock): (Paragraph | Table)[] {
  switch (block.type) {
    case 'title':
      return [
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: runs(block.text) }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: runs(block.subtitle, { bold: true, size: 26 }) }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: runs(block.meta, { color: '666666', size: 18 }) }),
      ];
    case 'heading': {
      const heading = block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      return [new Paragraph({ heading, keepNext: true, children: runs(block.text) })];
    }
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 80 },
          children: [...(block.label ? runs(`${block.label}：`, { bold: true }) : []), ...runs(block.text, block.muted ? { color: '666666' } : {})],
        }),
      ];
    case 'keyValues':
      return [
        table(
          [
            { label: '', width: 22 },
            { label: '', width: 78 },
          ],
          block.rows,
          { header: false, boldFirstColumn: true },
        ),
        new Paragraph({ children: [] }),
      ];
    case 'table':
      return [table(block.columns, block.rows, { header: true }), new Paragraph({ children: [] })];
  }
}

/** Any outline (minutes or review) as a .docx. */
export async function renderOutlineDocx(outline: Outline): Promise<Buffer> {
  const headingRun = { font, language, color: '1F4E79', bold: true };
  const document = new Document({
    creator: outline.author,
    title: outline.title,
    description: outline.title,
    theme: { fonts: { headings: { latin: 'Calibri Light', eastAsia: EAST_ASIAN_FONT }, body: { latin: LATIN_FONT, eastAsia: EAST_ASIAN_FONT } } },
    styles: {
      default: {
        document: { run: { font, language, size: 21 } },
        title: { run: { ...headingRun, size: 36 } },
        heading1: { run: { ...headingRun, size: 28 }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { ...headingRun, size: 24, color: '1F1F1F' }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading3: { run: { ...headingRun, size: 21, color: '1F1F1F' }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${outline.footerText} · `, font, language, size: 16, color: '666666' }),
                  new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], font, language, size: 16, color: '666666' }),
                ],
              }),
            ],
          }),
        },
        children: outline.blocks.flatMap(blockToWord),
      },
    ],
  });
  return Packer.toBuffer(document);
}
