import { describe, expect, it } from 'vitest';
import { preferencesBody } from '../../../shared/schemas/auth.ts';
import { preferencesFromValues, valuesFromPreferences } from './preferences-form.ts';

describe('notification preferences form', () => {
  it('shows the defaults for events never chosen, the bell always on', () => {
    const values = valuesFromPreferences({ channels: { item_overdue: ['dingtalk'] } });
    expect(values.channels.item_assigned).toEqual(['in_app', 'email']);
    expect(values.channels.item_overdue).toEqual(['in_app', 'dingtalk']);
    expect(values.quietEnabled).toBe(false);
  });

  it('saves only what differs from the defaults, leaves the language alone, and sends a body the API accepts', () => {
    const current = { locale: 'en' as const, channels: { item_overdue: ['dingtalk' as const] } };
    const values = valuesFromPreferences(current);
    values.channels.record_published = ['in_app'];
    values.quietEnabled = true;
    values.quietHours = { start: '22:00', end: '07:30' };
    values.dailyDigest = true;
    const body = preferencesFromValues(values);
    expect(body).toEqual({
      channels: { item_overdue: ['in_app', 'dingtalk'], record_published: ['in_app'] },
      quietHours: { start: '22:00', end: '07:30' },
      dailyDigest: true,
      mutedCollaborationIds: [],
    });
    expect(preferencesBody.safeParse(body).success).toBe(true);
    expect(preferencesFromValues({ ...values, quietEnabled: false }).quietHours).toBeNull();
  });
});
