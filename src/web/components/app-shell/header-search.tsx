import { useEffect, useState } from 'react';
import { Input } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n-provider.tsx';

/**
 * The header's search box. Until organisation-wide search arrives it searches collaborations by text
 * (GET /collaborations?q=), landing on the filtered list.
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const current = location.pathname === '/collaborations' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  return (
    <div role="search" style={{ maxWidth: 360, minWidth: 0, flex: 1 }}>
      <Input.Search
        aria-label={t('shell.search')}
        placeholder={t('shell.searchPlaceholder')}
        allowClear
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onSearch={(text) => {
          const q = text.trim();
          navigate(q ? `/collaborations?q=${encodeURIComponent(q)}` : '/collaborations');
        }}
      />
    </div>
  );
}
