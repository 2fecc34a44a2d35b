import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { problemsFromError } from './import-problems.ts';

describe('problemsFromError', () => {
  it('reads the problems of a refused commit, dropping malformed entries', () => {
    const error = new ApiError(422, 'IMPORT_INVALID', '导入文件有问题', [], {
      problems: [{ sheet: '行动项清单', cell: 'C5', field: '负责人', code: 'UNKNOWN_PERSON', message: '找不到“王五”' }, { sheet: 'x' }, null],
    });
    expect(problemsFromError(error)).toEqual([{ sheet: '行动项清单', cell: 'C5', field: '负责人', code: 'UNKNOWN_PERSON', message: '找不到“王五”' }]);
  });

  it('is null for any other error, and empty when the refusal lists nothing', () => {
    expect(problemsFromError(new ApiError(400, 'VALIDATION_FAILED', 'x'))).toBeNull();
    expect(problemsFromError(new Error('boom'))).toBeNull();
    expect(problemsFromError(new ApiError(422, 'IMPORT_INVALID', 'x'))).toEqual([]);
  });
});
