import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, toApiError, withQuery } from './client.ts';

describe('toApiError', () => {
  it("keeps the API's code, message, field messages and any other details", () => {
    const error = toApiError(422, {
      error: { code: 'RECORD_INCOMPLETE', message: '纪要不完整', fields: [{ path: 'topics.0.discussion', message: '请填写讨论要点' }], missing: [{ code: 'NO_TOPICS' }] },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'RECORD_INCOMPLETE', message: '纪要不完整', fields: [{ path: 'topics.0.discussion', message: '请填写讨论要点' }] });
    expect(error.details).toEqual({ missing: [{ code: 'NO_TOPICS' }] });
    expect(isApiError(error, 'RECORD_INCOMPLETE')).toBe(true);
    expect(isApiError(error, 'NOT_FOUND')).toBe(false);
  });

  it('names the status when the body is not the API shape (a proxy page, an empty body)', () => {
    expect(toApiError(502, '<html>Bad gateway</html>')).toMatchObject({ status: 502, code: 'HTTP_502', fields: [] });
    expect(toApiError(500, null)).toMatchObject({ code: 'HTTP_500' });
  });

  it('drops malformed field entries instead of failing on them', () => {
    expect(toApiError(400, { error: { code: 'VALIDATION_FAILED', message: 'x', fields: [{ path: 'a', message: 'b' }, { nope: 1 }, null] } }).fields).toEqual([{ path: 'a', message: 'b' }]);
  });
});

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/collaborations', { q: '发布会 Q3', health: undefined, status: '', year: 2024, overdue: true, cursor: null })).toBe(
      '/collaborations?q=%E5%8F%91%E5%B8%83%E4%BC%9A+Q3&year=2024&overdue=true',
    );
    expect(withQuery('/x', {})).toBe('/x');
  });
});
