import { useEffect, useMemo, useState } from 'react';
import { Alert, Breadcrumb, Card, Form, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../../api/auth.ts';
import { useCollaboration } from '../../api/collaborations.ts';
import { useScheduleMeeting } from '../../api/meetings.ts';
import { useDepartments } from '../../api/organization.ts';
import type { Department } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ErrorState, PageLoading } from '../../components/page-state.tsx';
import type { KnownPerson } from '../../components/person-select.tsx';
import { MeetingForm, showMeetingErrors, type MeetingFormValues } from './meeting-form.tsx';

/** Where the meeting page finds the warnings the scheduling answered with (e.g. AGENDA_LEAD_TOO_SHORT). */
export type ScheduledState = { warnings?: { code: string; agendaDeadline?: string; agendaLeadDays?: number; message: string }[] };

/**
 * 安排沟通会议 for a collaboration (its editors): the host is the scheduler, and the attendees start
 * as the heads of the participating departments — the people the agenda must reach a day ahead.
 */
export function ScheduleMeetingPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useCurrentUser();
  const collaboration = useCollaboration(id);
  const departments = useDepartments();
  const schedule = useScheduleMeeting(id);
  const [form] = Form.useForm<MeetingFormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const c = collaboration.data;

  useEffect(() => {
    document.title = `${t('schedule.pageTitle')} · ${t('app.name')}`;
  }, [t]);

  const heads = useMemo<KnownPerson[]>(() => {
    if (!c || !departments.data) return [];
    const headOf = new Map<string, KnownPerson>();
    const walk = (nodes: Department[]): void => {
      for (const n of nodes) {
        if (n.headId && n.headName) headOf.set(n.id, { id: n.headId, name: n.headName });
        walk(n.children);
      }
    };
    walk(departments.data.tree);
    const found = c.participatingDepartments.flatMap((d) => headOf.get(d.id) ?? []).filter((p) => p.id !== user.id);
    return [...new Map(found.map((p) => [p.id, p])).values()];
  }, [c, departments.data, user.id]);

  if (collaboration.isPending || departments.isPending) return <PageLoading />;
  if (collaboration.isError || !c) return <ErrorState error={collaboration.error} onRetry={() => void collaboration.refetch()} />;

  const initialValues: MeetingFormValues = {
    time: null,
    mode: 'offline',
    location: '',
    hostId: user.id,
    attendeeIds: heads.map((h) => h.id),
    agenda: [''],
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/collaborations">{t('nav.collaborations')}</Link> },
          { title: <Link to={`/collaborations/${c.id}`}>{c.topic}</Link> },
          { title: t('schedule.pageTitle') },
        ]}
      />
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '0 0 4px' }}>
          {t('schedule.pageTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('schedule.intro')}</Typography.Paragraph>
        {!c.abilities.createMeeting ? (
          <Alert type="info" showIcon title={t('schedule.notAllowed')} />
        ) : (
          <MeetingForm
            form={form}
            initialValues={initialValues}
            known={[{ id: user.id, name: user.name }, ...heads]}
            submitLabel={t('schedule.submit')}
            pending={schedule.isPending}
            formError={formError}
            onCancel={() => navigate(`/collaborations/${c.id}`)}
            onSubmit={(input) => {
              setFormError(null);
              schedule.mutate(input, {
                onSuccess: (created) => navigate(`/meetings/${created.id}`, { state: { warnings: created.warnings } satisfies ScheduledState }),
                onError: (error) => setFormError(showMeetingErrors(form, error, t('error.generic'))),
              });
            }}
          />
        )}
      </Card>
    </Space>
  );
}
