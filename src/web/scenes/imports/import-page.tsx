import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Progress, Row, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useCommitImport, usePreviewImport, type ImportPreview, type ImportProblem } from '../../api/imports.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { transferErrorText } from '../../components/transfer/transfer-error.ts';
import { CollaborationStatusTag, HealthTag } from '../../components/tags.tsx';
import { isValidCalendarDate } from '../../../domain/calendar-date.ts';
import { problemsFromError } from './import-problems.ts';

/** The largest workbook the server reads. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

function FindingsList({ problems, label }: { problems: ImportProblem[]; label: string }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  if (isMobile) {
    return (
      <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {problems.map((p, i) => (
          <li key={i} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}>
            <Space size={[4, 4]} wrap>
              <Tag color="red">{p.cell ? t('import.at', { sheet: p.sheet, cell: p.cell }) : p.sheet}</Tag>
              {p.field && <Typography.Text type="secondary">{p.field}</Typography.Text>}
            </Space>
            <div style={{ overflowWrap: 'anywhere' }}>{p.message}</div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table<ImportProblem>
      aria-label={label}
      size="small"
      rowKey={(p) => `${p.sheet}!${p.cell}:${p.code}:${p.field}`}
      dataSource={problems}
      pagination={problems.length > 20 ? { pageSize: 20 } : false}
      columns={[
        { title: t('import.sheet'), dataIndex: 'sheet', width: 140 },
        { title: t('import.cell'), dataIndex: 'cell', width: 90, render: (cell: string) => (cell ? <Tag color="red">{cell}</Tag> : '–') },
        { title: t('import.field'), dataIndex: 'field', width: 140 },
        { title: t('import.message'), dataIndex: 'message' },
      ]}
    />
  );
}

function ActionItemsPreview({ items }: { items: ImportPreview['actionItems'] }) {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const due = (d: string | null) => (d && isValidCalendarDate(d) ? format.date(d) : (d ?? '–'));
  if (isMobile) {
    return (
      <ul aria-label={t('import.actionItems')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item, i) => (
          <li key={i} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5,5,5,0.06)', overflowWrap: 'anywhere' }}>
            <div style={{ fontWeight: 500 }}>{item.description}</div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {item.owner?.name ?? t('import.noOwner')} · {due(item.dueDate)} · {item.deliverable || '–'}
            </Typography.Text>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table
      aria-label={t('import.actionItems')}
      size="small"
      rowKey="number"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      columns={[
        { title: t('import.itemDescription'), dataIndex: 'description' },
        { title: t('import.itemOwner'), key: 'owner', width: 140, render: (_, item) => item.owner?.name ?? <Typography.Text type="danger">{t('import.noOwner')}</Typography.Text> },
        { title: t('import.itemDue'), key: 'due', width: 140, render: (_, item) => <span style={{ whiteSpace: 'nowrap' }}>{due(item.dueDate)}</span> },
        { title: t('import.itemDeliverable'), dataIndex: 'deliverable' },
      ]}
    />
  );
}

function MeetingsPreview({ meetings }: { meetings: ImportPreview['meetings'] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ul aria-label={t('import.meetings')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {meetings.map((m) => (
        <li key={m.number} style={{ padding: '6px 0', borderBottom: '1px solid rgba(5,5,5,0.06)', overflowWrap: 'anywhere' }}>
          <span style={{ fontWeight: 500 }}>{m.title || t('import.meetingN', { n: m.number })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
            {format.timeRange(m.plannedStart, m.plannedEnd)} · {t(`import.minutes.${m.minutesStatus}`)} · {t('import.topicsCount', { count: m.topics })}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

const SCENARIO_KEYS = ['major_project', 'problem_solving', 'routine_alignment', 'urgent_task'] as const;

function PreviewView({ preview, problems }: { preview: ImportPreview; problems: ImportProblem[] }) {
  const { t } = useI18n();
  const c = preview.collaboration;
  const counts = preview.counts;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('import.summary')} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'topic', label: t('import.topic'), children: c.topic || '–', span: { xs: 1, sm: 1, md: 2 } },
            { key: 'goal', label: t('import.goal'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.goal || '–'}</span>, span: { xs: 1, sm: 1, md: 2 } },
            { key: 'scenario', label: t('import.scenario'), children: c.scenario && (SCENARIO_KEYS as readonly string[]).includes(c.scenario) ? t(`scenario.${c.scenario}`) : '–' },
            { key: 'period', label: t('import.period'), children: c.period ?? t('import.periodFromMeetings') },
            { key: 'initiating', label: t('import.initiating'), children: c.initiatingDepartment?.name ?? '–' },
            { key: 'owner', label: t('import.owner'), children: c.owner?.name ?? '–' },
            {
              key: 'participating',
              label: t('import.participating'),
              span: { xs: 1, sm: 1, md: 2 },
              children: c.participatingDepartments.length ? (
                <Space size={[4, 4]} wrap>
                  {c.participatingDepartments.map((d) => (
                    <Tag key={d.id}>{d.name}</Tag>
                  ))}
                </Space>
              ) : (
                '–'
              ),
            },
            { key: 'status', label: t('import.status'), children: <Space size={4}><CollaborationStatusTag status={c.status === 'archived' ? 'completed' : c.status} archived={c.status === 'archived'} /><HealthTag health={c.health} /></Space> },
          ]}
        />
        <Row gutter={[16, 12]} style={{ marginTop: 12 }}>
          {(
            [
              ['meetings', counts.meetings],
              ['topics', counts.topics],
              ['feedback', counts.feedback],
              ['actionItems', counts.actionItems],
              ['progressUpdates', counts.progressUpdates],
              ['remarks', counts.remarks],
            ] as const
          ).map(([key, value]) => (
            <Col key={key} xs={8} md={4}>
              <Statistic title={t(`import.count.${key}`)} value={value} />
            </Col>
          ))}
        </Row>
      </Card>
      {problems.length > 0 && (
        <Card title={t('import.problemsTitle', { count: problems.length })} size="small">
          <FindingsList problems={problems} label={t('import.problems')} />
        </Card>
      )}
      {preview.notes.length > 0 && (
        <Card title={t('import.notesTitle', { count: preview.notes.length })} size="small">
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('import.notesHint')}
          </Typography.Paragraph>
          <FindingsList problems={preview.notes} label={t('import.notes')} />
        </Card>
      )}
      {preview.meetings.length > 0 && (
        <Card title={t('import.meetingsTitle', { count: preview.meetings.length })} size="small">
          <MeetingsPreview meetings={preview.meetings} />
        </Card>
      )}
      <Card title={t('import.actionItemsTitle', { count: preview.actionItems.length })} size="small">
        {preview.actionItems.length === 0 ? <Typography.Text type="secondary">{t('import.noActionItems')}</Typography.Text> : <ActionItemsPreview items={preview.actionItems} />}
      </Card>
    </Space>
  );
}

/**
 * 导入 (/imports): a template workbook (.xlsx, as exported or filled by hand) becomes a collaboration in
 * two steps. The preview shows what would be created and each problem by sheet and cell; only a clean
 * preview can be committed, which sends the same file again (kept in memory) and opens the new record.
 */
export function ImportPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('import.title')} · ${t('app.name')}`;
  }, [t]);

  const choose = (chosen: File) => {
    setLocalProblem(null);
    commit.reset();
    if (!/\.xlsx$/i.test(chosen.name)) {
      setFile(null);
      preview.reset();
      setLocalProblem(t('import.onlyXlsx', { name: chosen.name }));
      return;
    }
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFile(null);
      preview.reset();
      setLocalProblem(t('import.tooLarge', { name: chosen.name, max: '20 MB' }));
      return;
    }
    setFile(chosen);
    setSent(0);
    preview.mutate({ file: chosen, onProgress: (done, total) => setSent(Math.floor((done / total) * 100)) }, { onSettled: () => setSent(null) });
  };

  const result = preview.data;
  const commitProblems = problemsFromError(commit.error);
  const problems = commitProblems ?? result?.problems ?? [];
  const canCommit = Boolean(result?.canCommit) && commitProblems === null && file !== null;

  const runCommit = () => {
    if (!file) return;
    commit.mutate({ file }, { onSuccess: (done) => navigate(`/collaborations/${done.collaborationId}`) });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('import.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('import.intro')}</Typography.Text>
      </div>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={preview.isPending || commit.isPending}
        beforeUpload={(chosen) => {
          choose(chosen);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}>
          <FileExcelOutlined />
        </p>
        <p className="ant-upload-text" style={{ fontSize: 15 }}>{file ? t('import.chosen', { name: file.name }) : t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.hint')}</p>
      </Upload.Dragger>
      {localProblem && <Alert type="error" showIcon title={localProblem} />}
      {preview.isPending && (
        <div role="status">
          <Typography.Text>{sent !== null && sent < 100 ? t('import.uploading') : t('import.reading')}</Typography.Text>
          <Progress percent={sent ?? 100} status="active" size="small" aria-label={t('import.uploading')} />
        </div>
      )}
      {preview.isError && <Alert type="error" showIcon title={transferErrorText(preview.error, t)} />}
      {result && !preview.isPending && (
        <>
          {canCommit ? (
            <Alert type="success" showIcon title={t('import.ready')} description={t('import.readyHint', { name: result.fileName })} />
          ) : (
            <Alert type="warning" showIcon title={t('import.blocked', { count: problems.length })} description={t('import.blockedHint')} />
          )}
          <PreviewView preview={result} problems={problems} />
          {commit.isError && commitProblems === null && <Alert type="error" showIcon title={transferErrorText(commit.error, t)} />}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, position: 'sticky', bottom: 0, padding: '12px 0', background: 'inherit' }}>
            <Button type="primary" size="large" icon={<CloudUploadOutlined />} disabled={!canCommit} loading={commit.isPending} onClick={runCommit}>
              {t('import.commit')}
            </Button>
            <Button size="large" icon={<ReloadOutlined />} disabled={commit.isPending || !file} onClick={() => file && choose(file)}>
              {t('import.recheck')}
            </Button>
          </div>
        </>
      )}
      {!result && !preview.isPending && !preview.isError && !localProblem && (
        <Card size="small">
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('import.howTo')}
          </Typography.Paragraph>
        </Card>
      )}
    </Space>
  );
}
