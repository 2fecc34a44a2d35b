import { App, Form, Input, Modal } from 'antd';
import { useReopenActionItem } from '../../api/action-items.ts';
import { showServerErrors } from '../../components/server-errors.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

/** The initiating side sends a finished item back to work; the reason stands in its timeline and reaches the owner. */
export function ReopenModal({ itemId, open, onClose }: { itemId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reopen = useReopenActionItem();
  return (
    <Modal
      open={open}
      title={t('itemReopen.title')}
      okText={t('itemReopen.confirm')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reopen.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          reopen.mutate(
            { id: itemId, reason: reason.trim() },
            {
              onSuccess: () => {
                message.success(t('itemReopen.done'));
                onClose();
              },
              onError: (error) => {
                const rest = showServerErrors(form, error, ['reason'], t('error.generic'));
                if (rest) message.error(rest);
              },
            },
          )
        }
      >
        <Form.Item name="reason" label={t('itemReopen.reason')} rules={[{ required: true, whitespace: true, message: t('itemReopen.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} placeholder={t('itemReopen.reasonPlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
