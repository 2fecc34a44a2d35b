/**
 * The file name a download should be saved under, from its Content-Disposition header: the RFC 5987
 * `filename*` (UTF-8, percent-encoded — how Chinese names such as 2024-Q3-新品发布会.xlsx travel) wins over
 * the plain `filename`; without either, `fallback`. Path separators and control characters are replaced,
 * so a name can never point outside the download folder.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)?.[1]?.trim();
  if (extended) {
    const decoded = decodeExtended(extended);
    if (decoded) return safeFileName(decoded, fallback);
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (plain) {
    const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]!.trim();
    if (value) return safeFileName(value, fallback);
  }
  return fallback;
}

/** `UTF-8''%E6%96%B0.xlsx` (charset'language'value); null when it cannot be decoded. */
function decodeExtended(value: string): string | null {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value.replace(/^"|"$/g, ''));
  if (!match) return null;
  const [, charset = '', encoded = ''] = match;
  try {
    if (charset.toLowerCase() === 'iso-8859-1') {
      return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function safeFileName(name: string, fallback: string): string {
  const cleaned = name.replace(/[\\/\u0000-\u001f\u007f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
}
