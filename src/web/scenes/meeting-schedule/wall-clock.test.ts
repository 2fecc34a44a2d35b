import { describe, expect, it } from 'vitest';
import { instantToWallTime, wallTimeToInstant } from './wall-clock.ts';

describe('meeting times in the organisation’s zone', () => {
  it('reads the picker’s 14:00 as 14:00 in the organisation, wherever the browser is', () => {
    expect(wallTimeToInstant({ date: '2024-07-10', time: '14:00' }, 'Asia/Shanghai')).toBe('2024-07-10T14:00:00+08:00');
    expect(Date.parse(wallTimeToInstant({ date: '2024-07-10', time: '14:00' }, 'Asia/Shanghai'))).toBe(Date.parse('2024-07-10T06:00:00Z'));
    expect(wallTimeToInstant({ date: '2024-01-10', time: '09:30' }, 'America/New_York')).toBe('2024-01-10T09:30:00-05:00');
  });

  it('puts a saved instant back as the organisation’s wall clock', () => {
    expect(instantToWallTime('2024-07-10T06:00:00Z', 'Asia/Shanghai')).toEqual({ date: '2024-07-10', time: '14:00' });
    expect(instantToWallTime('2024-07-10T23:30:00+08:00', 'Europe/London')).toEqual({ date: '2024-07-10', time: '16:30' });
  });
});
