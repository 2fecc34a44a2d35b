/**
 * The Chinese fonts of the PDF exports: Noto Sans SC (SIL Open Font License) from the npm package
 * `@expo-google-fonts/noto-sans-sc`, installed with the app and never fetched at run time. These are the
 * full TrueType files, which pdfkit subsets into each PDF (only the glyphs used are embedded).
 *
 * Renderers pass these PATHS to `doc.font(path)`, never a name registered with `registerFont`: pdfkit caches
 * a font per document under the path, while a registered name is re-resolved — and the 10 MB file
 * re-parsed — every time a table cell restores the font.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type CjkFontPaths = { regular: string; bold: string };

const require = createRequire(import.meta.url);
let resolved: CjkFontPaths | undefined;

/** Absolute paths of the regular and bold faces; throws at first use when the package is missing. */
export function cjkFontPaths(): CjkFontPaths {
  if (resolved) return resolved;
  const paths = {
    regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  };
  for (const path of Object.values(paths)) if (!existsSync(path)) throw new Error(`CJK font missing: ${path}`);
  resolved = paths;
  return paths;
}
