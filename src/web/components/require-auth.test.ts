import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './require-auth.tsx';

describe('the way back after sign-in', () => {
  it('returns only to pages of this app', () => {
    expect(safeNextPath('/collaborations?health=at_risk')).toBe('/collaborations?health=at_risk');
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example/')).toBe('/');
    expect(safeNextPath('/sign-in?next=/x')).toBe('/');
  });

  it('carries the page asked for, with its query', () => {
    expect(signInPath({ pathname: '/collaborations/1', search: '?tab=history', hash: '' })).toBe('/sign-in?next=%2Fcollaborations%2F1%3Ftab%3Dhistory');
    expect(signInPath({ pathname: '/', search: '', hash: '' })).toBe('/sign-in');
  });
});
