import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Popconfirm } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { meetingKeys, useUpdateMeeting } from '../../api/meetings.ts';
import type { Meeting } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';
import { MeetingForm, showMeetingErrors, valuesFromMeeting, type MeetingFormValues } from '../meeting-schedule/meeting-form.tsx';
import { ScheduleWarnings } from './schedule-warnings.tsx';

/**
 * Changing a scheduled meeting (time, place, people, agenda) with the version it was loaded at: if
 * someone changed it meanwhile, the save is refused naming them, and the form offers to reload. A moved
 * meeting's invitations go out again with the same calendar UID (server side).
 */
export function EditMeetingDrawer({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const update = useUpdateMeeting(meeting.id);
  const [form] = Form.useForm<MeetingFormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  // The version the form was loaded at: a live change by someone else must still make the save a conflict.
  const [loadedVersion, setLoadedVersion] = useState(meeting.version);
  const [warnings, setWarnings] = useState<Parameters<typeof ScheduleWarnings>[0]['warnings']>([]);

  const onError = (error: unknown) => {
    if (isApiError(error, 'CONFLICT') && 'changedBy' in error.details) {
      setConflict((error.details.changedBy as { name?: string } | null)?.name ?? '?');
      return;
    }
    setFormError(showMeetingErrors(form, error, t('error.generic')));
  };

  const reload = async () => {
    await queryClient.refetchQueries({ queryKey: meetingKeys.detail(meeting.id) });
    const fresh = queryClient.getQueryData<Meeting>(meetingKeys.detail(meeting.id));
    if (fresh) {
      form.setFieldsValue(valuesFromMeeting(fresh, format.timeZone));
      setLoadedVersion(fresh.version);
    }
    setConflict(null);
  };

  return (
    <Drawer open onClose={onClose} title={t('meeting.edit')} size={isMobile ? '100%' : 640} destroyOnHidden>
      {conflict && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={t('minutes.conflict', { name: conflict })}
          description={t('meeting.editConflictHint')}
          action={
            <Button size="small" danger onClick={() => void reload()}>
              {t('minutes.reload')}
            </Button>
          }
        />
      )}
      <ScheduleWarnings warnings={warnings} />
      <MeetingForm
        form={form}
        initialValues={valuesFromMeeting(meeting, format.timeZone)}
        known={[meeting.host, meeting.recorder, ...meeting.attendees]}
        submitLabel={t('common.save')}
        pending={update.isPending}
        formError={formError}
        onCancel={onClose}
        onSubmit={(input) => {
          setFormError(null);
          update.mutate(
            { ...input, title: input.title ?? '', version: loadedVersion },
            {
              onSuccess: (saved) => {
                if ('accessRevoked' in saved) {
                  message.info(t('meeting.savedAccessRevoked'));
                  queryClient.removeQueries({ queryKey: meetingKeys.detail(meeting.id) });
                  return void navigate('/');
                }
                if (saved.warnings.length) return setWarnings(saved.warnings);
                message.success(t('meeting.saved'));
                onClose();
              },
              onError,
            },
          );
        }}
      />
      {!meeting.heldAt && (
        <div style={{ borderTop: '1px solid rgba(5,5,5,0.06)', marginTop: 24, paddingTop: 16 }}>
          <Popconfirm
            title={t('meeting.cancelConfirm')}
            description={t('meeting.cancelHint')}
            okText={t('meeting.cancelMeeting')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              update.mutateAsync({ cancelled: true, version: loadedVersion }).then(() => {
                message.success(t('meeting.cancelledNow'));
                onClose();
              }, onError)
            }
          >
            <Button danger>{t('meeting.cancelMeeting')}</Button>
          </Popconfirm>
        </div>
      )}
    </Drawer>
  );
}
