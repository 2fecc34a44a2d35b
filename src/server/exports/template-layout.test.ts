import { describe, expect, it } from 'vitest';
import { TEMPLATE_LAYOUT, labelValue, templateColumnNumber, type TemplateSheetKey } from './template-layout.ts';

describe('TEMPLATE_LAYOUT', () => {
  it('orders every sheet once, with unique sheet names and unique column keys per sheet', () => {
    const keys = Object.keys(TEMPLATE_LAYOUT.sheets) as TemplateSheetKey[];
    expect([...TEMPLATE_LAYOUT.sheetOrder].sort()).toEqual([...keys].sort());
    expect(new Set(keys.map((k) => TEMPLATE_LAYOUT.sheets[k].name)).size).toBe(keys.length);
    for (const key of keys) {
      const columns = TEMPLATE_LAYOUT.sheets[key].columns.map((c) => c.key);
      expect(new Set(columns).size).toBe(columns.length);
    }
  });

  it('keeps the template’s four elements first on 行动项清单, in the template’s order', () => {
    expect(TEMPLATE_LAYOUT.sheets.actionItems.columns.slice(1, 5).map((c) => c.label)).toEqual(['任务描述', '负责人', '截止时间', '交付成果']);
    expect(templateColumnNumber('actionItems', 'dueDate')).toBe(4);
  });

  it('maps every label back to its value', () => {
    for (const [table, entries] of Object.entries(TEMPLATE_LAYOUT.labels)) {
      for (const [value, label] of Object.entries(entries)) expect(labelValue(table as keyof typeof TEMPLATE_LAYOUT.labels, ` ${label} `)).toBe(value);
    }
    expect(labelValue('itemStatus', '未知')).toBeNull();
  });
});
