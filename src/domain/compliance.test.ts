import { describe, expect, it } from 'vitest';
import { updateComplianceDays } from './compliance.ts';

const Q3 = ['2024-07-01', '2024-09-30'] as const;

describe('updateComplianceDays', () => {
  it('counts an item never updated as compliant for staleAfterDays after creation, then stale', () => {
    // Open 1st–10th of July (closed on the 11th): compliant 1st–4th, stale 5th–10th.
    expect(updateComplianceDays({ createdOn: '2024-07-01', closedOn: '2024-07-11', updatedOn: [] }, ...Q3, 3)).toEqual({ openDays: 10, compliantDays: 4 });
  });

  it('restarts the count at every update', () => {
    // Updates on the 4th and the 10th: stale only on the 8th and 9th.
    const days = updateComplianceDays({ createdOn: '2024-07-01', closedOn: '2024-07-13', updatedOn: ['2024-07-10', '2024-07-04'] }, ...Q3, 3);
    expect(days).toEqual({ openDays: 12, compliantDays: 10 });
  });

  it('clips to the period: days before it, after it and after closing do not count', () => {
    // Created in June, updated 29 June; the period starts 1 July: compliant 1st–2nd, stale 3rd–5th.
    expect(updateComplianceDays({ createdOn: '2024-06-20', closedOn: '2024-07-06', updatedOn: ['2024-06-29'] }, ...Q3, 3)).toEqual({ openDays: 5, compliantDays: 2 });
    // Still open at the end of the window (`to` = the review's as-of date).
    expect(updateComplianceDays({ createdOn: '2024-09-28', closedOn: null, updatedOn: [] }, '2024-07-01', '2024-10-05', 3)).toEqual({ openDays: 8, compliantDays: 4 });
  });

  it('gives nothing for an item closed before the period or created after it', () => {
    expect(updateComplianceDays({ createdOn: '2024-06-01', closedOn: '2024-06-30', updatedOn: [] }, ...Q3, 3)).toEqual({ openDays: 0, compliantDays: 0 });
    expect(updateComplianceDays({ createdOn: '2024-10-01', closedOn: null, updatedOn: [] }, ...Q3, 3)).toEqual({ openDays: 0, compliantDays: 0 });
    // Closed on the day it was created: never open overnight.
    expect(updateComplianceDays({ createdOn: '2024-07-02', closedOn: '2024-07-02', updatedOn: [] }, ...Q3, 3)).toEqual({ openDays: 0, compliantDays: 0 });
  });

  it('follows the setting', () => {
    expect(updateComplianceDays({ createdOn: '2024-07-01', closedOn: '2024-07-11', updatedOn: [] }, ...Q3, 1)).toEqual({ openDays: 10, compliantDays: 2 });
    // Several updates on one day count once.
    expect(updateComplianceDays({ createdOn: '2024-07-01', closedOn: '2024-07-11', updatedOn: ['2024-07-05', '2024-07-05'] }, ...Q3, 7)).toEqual({ openDays: 10, compliantDays: 10 });
  });
});
