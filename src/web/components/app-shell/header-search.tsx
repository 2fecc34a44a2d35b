import { useEffect, useRef, useState } from 'react';
import { Button, Input, theme, type InputRef } from 'antd';
import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { useIsMobile } from '../../hooks/use-is-mobile.ts';

/** Whether a key press is meant for a field (or a dialog) rather than the page's shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The header's search box on every page, leading to /search?q= (organisation-wide: collaborations, topics,
 * items, updates, remarks). "/" puts the cursor in it. On a phone it is an icon that opens a full-width field
 * over the header.
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const current = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  const [open, setOpen] = useState(false);
  const input = useRef<InputRef>(null);
  const { token } = theme.useToken();
  useEffect(() => setValue(current), [current]);
  useEffect(() => setOpen(false), [location.pathname, location.search]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      if (isMobile) setOpen(true);
      else input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isMobile]);

  const submit = (text: string) => {
    const q = text.trim();
    if (!q) return;
    navigate(`/search?q=${encodeURIComponent(q)}`);
    input.current?.blur();
  };

  const field = (
    <Input.Search
      ref={input}
      aria-label={t('search.label')}
      placeholder={t('search.placeholder')}
      allowClear
      autoFocus={isMobile}
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onSearch={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && isMobile) setOpen(false);
      }}
    />
  );

  if (!isMobile) {
    return (
      <div role="search" style={{ maxWidth: 360, minWidth: 0, flex: 1 }}>
        {field}
      </div>
    );
  }
  return (
    <div style={{ flex: 1, display: 'flex', justifyContent: 'flex-end', minWidth: 0 }}>
      <Button type="text" icon={<SearchOutlined style={{ fontSize: 18 }} />} aria-label={t('search.open')} aria-expanded={open} onClick={() => setOpen(true)} style={{ height: 40, width: 40 }} />
      {open && (
        <div
          role="search"
          style={{ position: 'absolute', inset: 0, zIndex: 20, display: 'flex', alignItems: 'center', gap: 4, padding: '0 8px', background: token.colorBgContainer }}
        >
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('search.close')} onClick={() => setOpen(false)} />
          <div style={{ flex: 1, minWidth: 0 }}>{field}</div>
        </div>
      )}
    </div>
  );
}
