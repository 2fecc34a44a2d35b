import { Alert, Button, Col, Form, Input, Radio, Row, Space, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { ApiError, isApiError } from '../../api/client.ts';
import type { ScheduleMeetingInput } from '../../api/meetings.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { showServerErrors } from '../../components/server-errors.ts';
import { PersonSelect, type KnownPerson } from '../../components/person-select.tsx';
import { AgendaListField } from './agenda-list-field.tsx';
import { TimeRangeField, type TimeRange } from './time-range-field.tsx';
import { instantToWallTime, wallTimeToInstant } from './wall-clock.ts';

export type MeetingFormValues = {
  title?: string;
  time: TimeRange | null;
  mode: 'online' | 'offline';
  location?: string;
  hostId?: string;
  recorderId?: string;
  attendeeIds: string[];
  agenda: string[];
};

const FIELDS = ['title', 'time', 'mode', 'location', 'hostId', 'recorderId', 'attendeeIds', 'agenda'] as const;

/** A saved meeting as the form's values, its times read on the organisation's clock. */
export function valuesFromMeeting(
  m: { title: string | null; plannedStart: string | null; plannedEnd: string | null; mode: 'online' | 'offline'; location: string; host: KnownPerson; recorder: KnownPerson; attendees: KnownPerson[]; agenda: string[] },
  timeZone: string,
): MeetingFormValues {
  const picker = (iso: string | null) => {
    if (!iso) return null;
    const wall = instantToWallTime(iso, timeZone);
    return dayjs(`${wall.date} ${wall.time}`, 'YYYY-MM-DD HH:mm');
  };
  return {
    title: m.title ?? '',
    time: [picker(m.plannedStart), picker(m.plannedEnd)],
    mode: m.mode,
    location: m.location,
    hostId: m.host.id,
    recorderId: m.recorder.id,
    attendeeIds: m.attendees.map((a) => a.id),
    agenda: m.agenda.length ? [...m.agenda] : [''],
  };
}

/** The form's values as the API's body; blank agenda rows are dropped. */
export function inputFromValues(values: MeetingFormValues, timeZone: string): ScheduleMeetingInput {
  const [start, end] = values.time ?? [null, null];
  const instant = (d: dayjs.Dayjs) => wallTimeToInstant({ date: d.format('YYYY-MM-DD'), time: d.format('HH:mm') }, timeZone);
  return {
    title: values.title?.trim() || undefined,
    plannedStart: instant(start!),
    plannedEnd: instant(end!),
    mode: values.mode,
    location: values.location?.trim() ?? '',
    hostId: values.hostId!,
    recorderId: values.recorderId!,
    attendeeIds: values.attendeeIds ?? [],
    agenda: (values.agenda ?? []).map((a) => (a ?? '').trim()).filter(Boolean),
  };
}

/**
 * Puts a refused request's messages under the fields; the API names the times plannedStart/plannedEnd,
 * which this form shows as one range. Returns the message for the whole form, or null.
 */
export function showMeetingErrors(form: FormInstance<MeetingFormValues>, error: unknown, fallback: string): string | null {
  if (!isApiError(error)) return fallback;
  const renamed = error.fields.map((f) => ({ ...f, path: /^planned(Start|End)/.test(f.path) ? 'time' : f.path }));
  return showServerErrors(form, new ApiError(error.status, error.code, error.message, renamed, error.details), FIELDS, fallback);
}

type Props = {
  form: FormInstance<MeetingFormValues>;
  initialValues: MeetingFormValues;
  /** Names of the people the initial values hold. */
  known: KnownPerson[];
  submitLabel: string;
  pending: boolean;
  formError: string | null;
  onSubmit: (input: ScheduleMeetingInput) => void;
  onCancel?: () => void;
};

/**
 * 计划沟通时间, 沟通地点/方式, 主持, 记录人, 参会人 and the agenda: the meeting's fields of the
 * template, for scheduling and for changing a scheduled meeting.
 */
export function MeetingForm({ form, initialValues, known, submitLabel, pending, formError, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const format = useFormat();
  const mode = Form.useWatch('mode', form) ?? initialValues.mode;

  return (
    <Form<MeetingFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => onSubmit(inputFromValues(values, format.timeZone))}
      scrollToFirstError
      style={{ maxWidth: 760 }}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form.Item name="title" label={t('schedule.title')} extra={t('schedule.titleHint')}>
        <Input maxLength={200} placeholder={t('schedule.titlePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="time"
        label={t('schedule.time')}
        extra={t('schedule.timeHint', { zone: format.timeZone })}
        rules={[
          {
            validator: async (_, value: TimeRange | null) => {
              const [start, end] = value ?? [null, null];
              if (!start || !end) throw new Error(t('schedule.timeRequired'));
              if (!end.isAfter(start)) throw new Error(t('schedule.endBeforeStart'));
            },
          },
        ]}
        required
      >
        <TimeRangeField />
      </Form.Item>
      <Form.Item name="mode" label={t('schedule.mode')}>
        <Radio.Group optionType="button" options={[{ value: 'offline', label: t('meetingMode.offline') }, { value: 'online', label: t('meetingMode.online') }]} />
      </Form.Item>
      <Form.Item
        name="location"
        label={mode === 'online' ? t('schedule.link') : t('schedule.room')}
        rules={mode === 'online' ? [{ type: 'url', message: t('schedule.linkInvalid') }] : []}
      >
        <Input type={mode === 'online' ? 'url' : 'text'} maxLength={500} placeholder={mode === 'online' ? t('schedule.linkPlaceholder') : t('schedule.roomPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="hostId" label={t('meeting.host')} rules={[{ required: true, message: t('schedule.hostRequired') }]}>
            <PersonSelect known={known} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="recorderId" label={t('meeting.recorder')} extra={t('schedule.recorderHint')} rules={[{ required: true, message: t('schedule.recorderRequired') }]}>
            <PersonSelect known={known} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="attendeeIds" label={t('meeting.attendees')} extra={t('schedule.attendeesHint')}>
        <PersonSelect multiple known={known} />
      </Form.Item>
      <Form.Item label={t('meeting.agenda')} extra={t('schedule.agendaHint')}>
        <AgendaListField />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={pending}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}
