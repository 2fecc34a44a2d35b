import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { usePatchActionItem, usePeopleNames, type PatchActionItemInput } from '../../api/action-items.ts';
import { isApiError } from '../../api/client.ts';
import type { ActionItem } from '../../api/types.ts';
import { PersonSelect } from '../../components/person-select.tsx';
import { showServerErrors } from '../../components/server-errors.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

type VisibleItem = Extract<ActionItem, { restricted: false }>;
type Values = { description: string; ownerId: string; deliverable: string; status: 'todo' | 'in_progress' | 'blocked' | 'cancelled'; sensitive: boolean; visibleToUserIds: string[] };

const FIELDS = ['description', 'ownerId', 'deliverable', 'status', 'sensitive', 'visibleToUserIds'] as const;
const OPEN = ['todo', 'in_progress', 'blocked'] as const;

function valuesOf(item: VisibleItem): Values {
  return {
    description: item.description,
    ownerId: item.owner.id,
    deliverable: item.deliverable,
    status: (OPEN as readonly string[]).includes(item.status) ? (item.status as Values['status']) : 'cancelled',
    sensitive: item.sensitive,
    visibleToUserIds: 'visibleToUserIds' in item ? (item.visibleToUserIds ?? []) : [],
  };
}

/** Who changed the item since it was loaded, from a 409 CONFLICT: the edit is refused, never merged silently. */
export function staleEditor(error: unknown): string | null {
  if (!isApiError(error, 'CONFLICT')) return null;
  const changedBy = error.details.changedBy as { name?: string | null } | null | undefined;
  return changedBy?.name ?? null;
}

/**
 * Edits the item's elements and visibility (editors only, abilities.update). Sends the loaded `version`;
 * when someone saved in between, says who and offers to reload. The due date is not here: it moves
 * through a progress update with a reason.
 */
export function EditItemModal({ item, open, onClose, onReload }: { item: VisibleItem; open: boolean; onClose: () => void; onReload: () => Promise<unknown> }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const patch = usePatchActionItem();
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState<{ name: string | null; message: string } | null>(null);
  // The item as the dialog loaded it: live changes by others must not move the version the save is checked against.
  const [loaded, setLoaded] = useState(item);
  const sensitive = Form.useWatch('sensitive', form);
  const people = usePeopleNames(open && item.sensitive);
  const isOpenItem = (OPEN as readonly string[]).includes(item.status);

  useEffect(() => {
    if (open) {
      setLoaded(item);
      form.setFieldsValue(valuesOf(item));
      setFormError(null);
      setStale(null);
    }
    // Only when the dialog opens: a reload after a conflict resets the fields explicitly.
  }, [open]);

  const submit = (values: Values) => {
    setFormError(null);
    setStale(null);
    const before = valuesOf(loaded);
    const input: PatchActionItemInput = { version: loaded.version };
    if (values.description.trim() !== before.description) input.description = values.description.trim();
    if (values.ownerId !== before.ownerId) input.ownerId = values.ownerId;
    if (values.deliverable.trim() !== before.deliverable) input.deliverable = values.deliverable.trim();
    if (isOpenItem && values.status !== before.status) input.status = values.status;
    if (values.sensitive !== before.sensitive) input.sensitive = values.sensitive;
    if (values.sensitive && JSON.stringify(values.visibleToUserIds) !== JSON.stringify(before.visibleToUserIds)) input.visibleToUserIds = values.visibleToUserIds;
    patch.mutate(
      { id: item.id, ...input },
      {
        onSuccess: () => {
          message.success(t('editItem.saved'));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error, 'CONFLICT') && 'currentVersion' in error.details) {
            setStale({ name: staleEditor(error), message: error.message });
            return;
          }
          setFormError(showServerErrors(form, error, FIELDS, t('error.generic')));
        },
      },
    );
  };

  const reload = async () => {
    const fresh = (await onReload()) as { data?: ActionItem } | undefined;
    const latest = fresh?.data && !fresh.data.restricted ? fresh.data : item;
    setLoaded(latest);
    form.setFieldsValue(valuesOf(latest));
    setStale(null);
  };

  return (
    <Modal
      open={open}
      title={t('editItem.title')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={patch.isPending}
      forceRender
      destroyOnHidden={false}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={stale.name ? t('editItem.stale', { name: stale.name }) : stale.message}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="description" label={t('field.description')} rules={[{ required: true, whitespace: true, message: t('createItem.descriptionRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('field.ownerId')} rules={[{ required: true, message: t('createItem.ownerRequired') }]}>
          <PersonSelect known={[item.owner]} />
        </Form.Item>
        <Form.Item label={t('field.dueDate')} extra={t('editItem.dueDateHint')}>
          <Typography.Text>{format.date(item.dueDate)}</Typography.Text>
        </Form.Item>
        <Form.Item name="deliverable" label={t('field.deliverable')} rules={[{ required: true, whitespace: true, message: t('createItem.deliverableRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        {isOpenItem && (
          <Form.Item name="status" label={t('item.status')} extra={t('editItem.statusHint')}>
            <Select options={[...OPEN, 'cancelled' as const].map((s) => ({ value: s, label: t(`itemStatus.${s}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="sensitive" label={t('createItem.sensitive')} valuePropName="checked" extra={t('createItem.sensitiveHint')}>
          <Switch />
        </Form.Item>
        {sensitive && (
          <Form.Item name="visibleToUserIds" label={t('createItem.visibleTo')} extra={t('createItem.visibleToHint')}>
            <PersonSelect multiple known={people.data ?? []} />
          </Form.Item>
        )}
        {formError && <Alert type="error" showIcon title={formError} />}
      </Form>
    </Modal>
  );
}
