/**
 * A document as a list of blocks, independent of the file format, so the PDF and Word renderers draw
 * the same content (minutes-outline.ts builds the record's, review-pdf.ts the review's).
 */

export type OutlineBlock =
  | { type: 'title'; text: string; subtitle: string; meta: string }
  | { type: 'heading'; text: string; level: 1 | 2 | 3 }
  | { type: 'paragraph'; text: string; label?: string; muted?: boolean }
  | { type: 'keyValues'; rows: [string, string][] }
  | { type: 'table'; columns: { label: string; width: number }[]; rows: string[][] };

/** A whole document: its metadata, blocks and footer. */
export type Outline = {
  title: string;
  author: string;
  createdAt: Date;
  blocks: OutlineBlock[];
  /** Printed at the foot of every page, before the page number. */
  footerText: string;
  pageLabel: (page: number, of: number) => string;
};

