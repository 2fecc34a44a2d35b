import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight.ts';

describe('highlightSegments', () => {
  it('cuts the snippet at the offsets of every match', () => {
    expect(highlightSegments({ text: '发布会预算分配与预算表', highlights: [{ start: 3, end: 5 }, { start: 8, end: 10 }] })).toEqual([
      { text: '发布会', match: false },
      { text: '预算', match: true },
      { text: '分配与', match: false },
      { text: '预算', match: true },
      { text: '表', match: false },
    ]);
  });

  it('keeps text without matches whole, and a match at either end', () => {
    expect(highlightSegments({ text: 'abc', highlights: [] })).toEqual([{ text: 'abc', match: false }]);
    expect(highlightSegments({ text: '视觉稿', highlights: [{ start: 0, end: 2 }] })).toEqual([
      { text: '视觉', match: true },
      { text: '稿', match: false },
    ]);
  });

  it('clamps, orders and merges offsets it cannot trust', () => {
    expect(highlightSegments({ text: 'KOL名单', highlights: [{ start: 3, end: 99 }, { start: 0, end: 2 }, { start: 1, end: 3 }, { start: 4, end: 4 }] })).toEqual([
      { text: 'KOL名单', match: true },
    ]);
    expect(highlightSegments({ text: 'KOL名单', highlights: [{ start: 4, end: 5 }, { start: 0, end: 1 }] })).toEqual([
      { text: 'K', match: true },
      { text: 'OL名', match: false },
      { text: '单', match: true },
    ]);
  });

  it('treats markup in the text as text', () => {
    const segments = highlightSegments({ text: '<img src=x onerror=alert(1)>预算', highlights: [{ start: 28, end: 30 }] });
    expect(segments.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)>预算');
  });
});
