import { describe, expect, it } from 'vitest';
import { formatInstant } from './instant.ts';

describe('formatInstant', () => {
  it('writes the organisation offset, also across a daylight-saving change', () => {
    expect(formatInstant(new Date('2024-07-10T06:00:00Z'), 'Asia/Shanghai')).toBe('2024-07-10T14:00:00+08:00');
    expect(formatInstant(new Date('2024-01-10T12:00:00Z'), 'America/New_York')).toBe('2024-01-10T07:00:00-05:00');
    expect(formatInstant(new Date('2024-07-10T12:00:00Z'), 'America/New_York')).toBe('2024-07-10T08:00:00-04:00');
    expect(formatInstant(new Date('2024-07-10T12:00:00Z'), 'Asia/Kolkata')).toBe('2024-07-10T17:30:00+05:30');
    expect(formatInstant(null, 'Asia/Shanghai')).toBeNull();
  });
});
