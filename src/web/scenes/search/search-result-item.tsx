import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { SearchResult } from '../../api/search.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { highlightSegments } from './highlight.ts';

const kindColor: Record<SearchResult['kind'], string> = {
  collaboration: 'geekblue',
  topic: 'purple',
  action_item: 'blue',
  progress_update: 'cyan',
  remark: 'gold',
};

/** The matched excerpt, its matches as <mark> elements built from the API's offsets (text only, never HTML). */
export function Snippet({ snippet }: { snippet: SearchResult['snippet'] }) {
  return (
    <>
      {highlightSegments(snippet).map((segment, i) =>
        segment.match ? (
          <mark key={i} style={{ background: '#fff1b8', color: 'inherit', padding: 0, borderRadius: 2 }}>
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

/** One result: what it is, its title linking to its place, the matched excerpt and the collaboration it belongs to. */
export function SearchResultItem({ result }: { result: SearchResult }) {
  const { t } = useI18n();
  const showCollaboration = result.kind !== 'collaboration';
  return (
    <li style={{ listStyle: 'none', padding: '12px 0', borderBottom: '1px solid rgba(5,5,5,0.06)', minWidth: 0 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', marginBottom: 4 }}>
        <Tag color={kindColor[result.kind]} style={{ marginInlineEnd: 0 }}>
          {t(`search.kind.${result.kind}`)}
        </Tag>
        {result.archived && <Tag style={{ marginInlineEnd: 0 }}>{t('collaborationStatus.archived')}</Tag>}
        <Link to={result.url} style={{ fontWeight: 600, fontSize: 15, overflowWrap: 'anywhere' }}>
          {result.title}
        </Link>
      </div>
      <Typography.Paragraph style={{ margin: '0 0 4px', overflowWrap: 'anywhere' }}>
        <Snippet snippet={result.snippet} />
      </Typography.Paragraph>
      {showCollaboration && (
        <Typography.Text type="secondary" style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
          {t('search.inCollaboration')} <Link to={`/collaborations/${result.collaborationId}`}>{result.collaborationTopic}</Link>
        </Typography.Text>
      )}
    </li>
  );
}
