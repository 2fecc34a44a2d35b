import { describe, expect, it } from 'vitest';
import { formFieldOf, parseFieldPath } from './field-errors.ts';

describe('server field paths on form fields', () => {
  it('reads dotted and indexed paths', () => {
    expect(parseFieldPath('delayReasonCodes[2].labelZh')).toEqual(['delayReasonCodes', 2, 'labelZh']);
    expect(parseFieldPath('quietHours.end')).toEqual(['quietHours', 'end']);
    expect(parseFieldPath('departmentIds.0')).toEqual(['departmentIds', 0]);
    expect(parseFieldPath('publishWithinHours')).toEqual(['publishWithinHours']);
  });

  it('puts a list entry under its own field, and a part of a plain field under the field', () => {
    const fields = ['publishWithinHours', 'holidays'];
    const nested = ['delayReasonCodes'];
    expect(formFieldOf('delayReasonCodes[1].code', fields, nested)).toEqual(['delayReasonCodes', 1, 'code']);
    expect(formFieldOf('delayReasonCodes', fields, nested)).toEqual(['delayReasonCodes']);
    expect(formFieldOf('holidays[3]', fields, nested)).toEqual(['holidays']);
    expect(formFieldOf('publishWithinHours', fields, nested)).toEqual(['publishWithinHours']);
    expect(formFieldOf('body', fields, nested)).toBeNull();
  });
});
