/**
 * Cuts text to at most `maxBytes` of UTF-8 without splitting a character, ending with an ellipsis when
 * cut. The robots count bytes, not characters (WeCom markdown 4,096 bytes, DingTalk and Feishu about
 * 20 KB a request), and a Chinese character is three of them.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const ellipsis = '…';
  let budget = maxBytes - Buffer.byteLength(ellipsis);
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (size > budget) break;
    budget -= size;
    end += char.length;
  }
  return text.slice(0, end) + ellipsis;
}
