import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { isApiError } from '../../api/client.ts';
import { usePublishMinutes } from '../../api/meetings.ts';
import type { Meeting } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { PublishDeadline } from '../../components/meeting-deadlines.tsx';
import { canPublishYet } from '../../components/meeting-timing.ts';
import { useMinutesSaves } from './minutes-saves.tsx';
import { MissingPartsList, type MissingPartView } from './missing-parts-list.tsx';

/**
 * 发布纪要 (rule 3: within 24 h of the end, late is recorded, never refused). Saves every topic first;
 * a refusal (422 RECORD_INCOMPLETE) lists exactly what is missing, each part linked to its place, and
 * the list follows the edits until nothing is missing.
 */
export function PublishPanel({ meeting, now }: { meeting: Meeting; now: Date }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const saves = useMinutesSaves();
  const publish = usePublishMinutes(meeting.id);
  const [missing, setMissing] = useState<MissingPartView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  // After a refusal, the list is the server's current one: it shrinks as the gaps are filled.
  useEffect(() => {
    setMissing((shown) => (shown === null ? null : meeting.missingParts));
  }, [meeting.missingParts]);

  const ready = canPublishYet(meeting, now);

  const onPublish = async () => {
    setBusy(true);
    try {
      await saves.flushAll();
      if (saves.hasUnsaved()) {
        message.error(t('minutes.unsavedBeforePublish'));
        return;
      }
      await publish.mutateAsync();
      setMissing(null);
      message.success(t('minutes.publishedNow'));
    } catch (error) {
      if (isApiError(error, 'RECORD_INCOMPLETE') && Array.isArray(error.details.missing)) {
        setMissing(error.details.missing as MissingPartView[]);
        requestAnimationFrame(() => alertRef.current?.focus());
      } else {
        message.error(isApiError(error) ? error.message : t('error.generic'));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card id="publish" size="small" title={t('minutes.publishTitle')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <PublishDeadline {...meeting} now={now} />
        {!ready && <Typography.Text type="secondary">{t('minutes.publishAfterMeeting')}</Typography.Text>}
        {missing && missing.length > 0 && (
          <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('minutes.cannotPublish', { count: missing.length })}
              description={<MissingPartsList parts={missing} />}
            />
          </div>
        )}
        {missing && missing.length === 0 && <Alert type="success" showIcon title={t('minutes.completeNow')} />}
        {!missing && meeting.missingParts.length > 0 && (
          <details>
            <summary style={{ cursor: 'pointer', color: 'rgba(0,0,0,0.65)' }}>{t('minutes.stillMissing', { count: meeting.missingParts.length })}</summary>
            <div style={{ marginTop: 6 }}>
              <MissingPartsList parts={meeting.missingParts} />
            </div>
          </details>
        )}
        <div>
          <Button type="primary" icon={<SendOutlined />} loading={busy} disabled={!ready} onClick={() => void onPublish()}>
            {t('minutes.publish')}
          </Button>
        </div>
      </Space>
    </Card>
  );
}
