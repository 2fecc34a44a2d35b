import { useState, type DragEvent } from 'react';
import { Button, Form, Input } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n-provider.tsx';

const rowStyle = { display: 'flex', alignItems: 'center', gap: 4, padding: '4px 0', borderRadius: 6 } as const;

/**
 * The agenda as an ordered list of titles (Form.List `agenda`): drag a row by its handle to reorder
 * (native HTML5 drag and drop), or use the up/down buttons — the keyboard and touch way. Each move is
 * announced to screen readers.
 */
export function AgendaListField() {
  const { t } = useI18n();
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dragOver, setDragOver] = useState<number | null>(null);
  const [handleDown, setHandleDown] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  return (
    <Form.List name="agenda">
      {(fields, { add, remove, move }) => {
        const moveTo = (from: number, to: number) => {
          if (from === to || to < 0 || to >= fields.length) return;
          move(from, to);
          setAnnouncement(t('schedule.agendaMoved', { from: from + 1, to: to + 1 }));
        };
        const dragProps = (index: number) => ({
          draggable: handleDown === index,
          onDragStart: (event: DragEvent<HTMLLIElement>) => {
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', String(index));
            setDragFrom(index);
          },
          onDragOver: (event: DragEvent<HTMLLIElement>) => {
            if (dragFrom === null) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
            setDragOver(index);
          },
          onDrop: (event: DragEvent<HTMLLIElement>) => {
            event.preventDefault();
            if (dragFrom !== null) moveTo(dragFrom, index);
            setDragFrom(null);
            setDragOver(null);
          },
          onDragEnd: () => {
            setDragFrom(null);
            setDragOver(null);
            setHandleDown(null);
          },
        });
        return (
          <div>
            {fields.length > 0 && (
              <ol aria-label={t('meeting.agenda')} style={{ listStyle: 'none', margin: '0 0 8px', padding: 0 }}>
                {fields.map((field, index) => (
                  <li
                    key={field.key}
                    {...dragProps(index)}
                    style={{
                      ...rowStyle,
                      opacity: dragFrom === index ? 0.4 : 1,
                      outline: dragOver === index && dragFrom !== index ? '2px dashed #1677ff' : undefined,
                    }}
                  >
                    <span
                      title={t('schedule.dragHint')}
                      aria-hidden
                      onPointerDown={() => setHandleDown(index)}
                      onPointerUp={() => setHandleDown(null)}
                      style={{ cursor: 'grab', padding: '4px 2px', color: 'rgba(0,0,0,0.45)', touchAction: 'none' }}
                    >
                      <HolderOutlined />
                    </span>
                    <span style={{ minWidth: 20, textAlign: 'right', color: 'rgba(0,0,0,0.55)' }}>{index + 1}.</span>
                    <Form.Item name={field.name} noStyle>
                      <Input aria-label={t('schedule.agendaItem', { n: index + 1 })} placeholder={t('schedule.agendaPlaceholder')} maxLength={200} style={{ flex: 1, minWidth: 0 }} />
                    </Form.Item>
                    <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('schedule.moveUp', { n: index + 1 })} disabled={index === 0} onClick={() => moveTo(index, index - 1)} />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('schedule.moveDown', { n: index + 1 })}
                      disabled={index === fields.length - 1}
                      onClick={() => moveTo(index, index + 1)}
                    />
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('schedule.removeAgendaItem', { n: index + 1 })} onClick={() => remove(field.name)} />
                  </li>
                ))}
              </ol>
            )}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} block>
              {t('schedule.addAgendaItem')}
            </Button>
            <div aria-live="polite" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
              {announcement}
            </div>
          </div>
        );
      }}
    </Form.List>
  );
}
