import { App, Card, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { useUpdateCollaboration } from '../../api/collaborations.ts';
import type { Collaboration, Health } from '../../api/types.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { CollaborationStatusTag, HealthTag } from '../../components/tags.tsx';
import { HEALTHS } from '../collaborations/list-filters.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';

/** Health as a tag, or for editors a picker that saves at once. */
function HealthControl({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateCollaboration(collaboration.id);
  if (!collaboration.abilities.update) return <HealthTag health={collaboration.health} />;
  return (
    <Select<Health>
      size="small"
      aria-label={t('collaborations.health')}
      value={collaboration.health}
      loading={update.isPending}
      style={{ minWidth: 110 }}
      onChange={(health) =>
        update.mutate({ health }, { onError: (error) => message.error(isApiError(error) ? error.message : t('error.generic')) })
      }
      options={HEALTHS.map((h) => ({ value: h, label: <HealthTag health={h} /> }))}
    />
  );
}

/** The record's header: topic, goal and its targets, departments, health, period and who answers for it. */
export function CollaborationHeader({ collaboration: c }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  return (
    <Card styles={{ body: { padding: isMobile ? 16 : 24 } }}>
      <Space size={[8, 8]} wrap style={{ marginBottom: 8 }}>
        <CollaborationStatusTag status={c.status} archived={c.archived} />
        <HealthControl collaboration={c} />
        <Tag>{t(`scenario.${c.scenario}`)}</Tag>
        <Tag>{c.period.label}</Tag>
      </Space>
      <Typography.Title level={1} style={{ fontSize: 22, margin: '0 0 8px' }}>
        {c.topic}
      </Typography.Title>
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        items={[
          { key: 'goal', label: t('collaboration.goal'), span: { xs: 1, sm: 1, md: 2 }, children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.goal}</span> },
          ...(c.targets && c.targets.length > 0
            ? [
                {
                  key: 'targets',
                  label: t('collaboration.targets'),
                  span: { xs: 1, sm: 1, md: 2 },
                  children: (
                    <Space size={[4, 4]} wrap>
                      {c.targets.map((target, i) => (
                        <Tag key={i} color="blue">
                          {t('collaboration.target', { metric: target.metric, target: target.target })}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
          { key: 'initiating', label: t('collaboration.initiatingDepartment'), children: <Tag color="geekblue">{c.initiatingDepartment.name}</Tag> },
          {
            key: 'participating',
            label: t('collaboration.participatingDepartments'),
            children: (
              <Space size={[4, 4]} wrap>
                {c.participatingDepartments.map((d) => (
                  <Tag key={d.id}>{d.name}</Tag>
                ))}
              </Space>
            ),
          },
          { key: 'owner', label: t('collaboration.owner'), children: c.owner?.name ?? c.creator.name ?? '–' },
          { key: 'visibility', label: t('newCollaboration.visibility'), children: t(`visibility.${c.visibility}`) },
          {
            key: 'counts',
            label: t('collaboration.items'),
            children: t('collaboration.itemCounts', { total: c.counts.actionItems, open: c.counts.open, overdue: c.counts.overdue, done: c.counts.done }),
          },
        ]}
      />
    </Card>
  );
}
