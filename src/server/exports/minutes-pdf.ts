/**
 * The record (or one meeting's minutes) as a PDF with Chinese glyphs embedded (Noto Sans SC, subset by
 * pdfkit), drawn from the same outline as the Word file. The demo record (3 pages, both weights) is
 * about 85 KB and 0.17 s of CPU; 20 meetings × 5 topics with 200 items (53 pages) about 210 KB and 0.5 s
 * (bench/export-pdf.ts).
 */
import type { CollaborationExport } from './collaboration-export.ts';
import { minutesOutline } from './minutes-outline.ts';
import { renderOutlinePdf } from './pdf-writer.ts';

/** The PDF bytes of the whole record, or of one meeting when the model was loaded for one. */
export async function renderMinutesPdf(model: CollaborationExport): Promise<Buffer> {
  return renderOutlinePdf(minutesOutline(model));
}
