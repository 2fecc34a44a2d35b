import { describe, expect, it } from 'vitest';
import { formatBytes, percentOf } from './bytes.ts';

describe('formatBytes', () => {
  it('uses bytes, then KB, MB and GB', () => {
    expect(formatBytes(950)).toBe('950 B');
    expect(formatBytes(12_595)).toBe('12.3 KB');
    expect(formatBytes(4.5 * 1024 * 1024)).toBe('4.5 MB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3072 GB');
  });
});

describe('percentOf', () => {
  it('is unknown without a total and stays below 100 until the download ends', () => {
    expect(percentOf(10, null)).toBeNull();
    expect(percentOf(10, 0)).toBeNull();
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(200, 200)).toBe(99);
  });
});
