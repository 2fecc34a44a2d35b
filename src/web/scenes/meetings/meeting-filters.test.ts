import { describe, expect, it } from 'vitest';
import { meetingFiltersFrom } from './meeting-filters.ts';

describe('the meetings list’s filters in the URL', () => {
  it('reads the dashboard’s links', () => {
    expect(meetingFiltersFrom(new URLSearchParams('role=recorder&pending=minutes'))).toEqual({ role: 'recorder', pending: 'minutes' });
    expect(meetingFiltersFrom(new URLSearchParams('role=host&pending=agenda'))).toEqual({ role: 'host', pending: 'agenda' });
  });

  it('falls back to all my meetings for anything else', () => {
    expect(meetingFiltersFrom(new URLSearchParams(''))).toEqual({ role: 'mine', pending: 'all' });
    expect(meetingFiltersFrom(new URLSearchParams('role=boss&pending=soon'))).toEqual({ role: 'mine', pending: 'all' });
  });
});
