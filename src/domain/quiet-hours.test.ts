import { describe, expect, it } from 'vitest';
import { afterQuietHours } from './quiet-hours.ts';

const tz = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('afterQuietHours', () => {
  const night = { start: '22:00', end: '08:00' };

  it('lets a push through outside quiet hours', () => {
    expect(afterQuietHours(at('2024-07-10T14:00:00+08:00'), night, tz)).toEqual(at('2024-07-10T14:00:00+08:00'));
    expect(afterQuietHours(at('2024-07-10T08:00:00+08:00'), night, tz)).toEqual(at('2024-07-10T08:00:00+08:00'));
  });

  it('holds a late-evening push until the next morning, across midnight', () => {
    expect(afterQuietHours(at('2024-07-10T22:00:00+08:00'), night, tz)).toEqual(at('2024-07-11T08:00:00+08:00'));
    expect(afterQuietHours(at('2024-07-10T23:59:00+08:00'), night, tz)).toEqual(at('2024-07-11T08:00:00+08:00'));
  });

  it('holds an early-morning push until the same morning', () => {
    expect(afterQuietHours(at('2024-07-11T03:00:00+08:00'), night, tz)).toEqual(at('2024-07-11T08:00:00+08:00'));
  });

  it('handles a span inside one day (a lunch break) and no quiet hours at all', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(afterQuietHours(at('2024-07-10T12:15:00+08:00'), lunch, tz)).toEqual(at('2024-07-10T13:30:00+08:00'));
    expect(afterQuietHours(at('2024-07-10T13:30:00+08:00'), lunch, tz)).toEqual(at('2024-07-10T13:30:00+08:00'));
    expect(afterQuietHours(at('2024-07-10T23:00:00+08:00'), null, tz)).toEqual(at('2024-07-10T23:00:00+08:00'));
  });

  it('reads the wall clock of the organisation, not of the server (UTC)', () => {
    // 15:00 UTC is 23:00 in Shanghai: quiet there.
    expect(afterQuietHours(at('2024-07-10T15:00:00Z'), night, tz)).toEqual(at('2024-07-11T08:00:00+08:00'));
  });
});
