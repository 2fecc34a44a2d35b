import type { Meeting } from '../../api/types.ts';
import { anchorOf } from './topic-draft.ts';

export type MissingPartView = Meeting['missingParts'][number];

/** Scrolls to a spot of the minutes and puts the cursor in its first field, so the gap can be filled at once. */
export function goToSpot(anchor: string, fallback?: string): void {
  const target = document.getElementById(anchor) ?? (fallback ? document.getElementById(fallback) : null);
  if (!target) return;
  target.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const field = target.matches('input, textarea') ? target : target.querySelector<HTMLElement>('textarea:not([disabled]), input:not([disabled]), button:not([disabled])');
  (field ?? target).focus({ preventScroll: true });
}

/** What keeps the record from being published, each part a link to the place where it is filled in. */
export function MissingPartsList({ parts }: { parts: MissingPartView[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {parts.map((part, i) => {
        const anchor = anchorOf(part);
        return (
          <li key={`${part.code}-${part.topicId ?? ''}-${part.departmentId ?? ''}-${i}`}>
            <a
              href={`#${anchor}`}
              onClick={(event) => {
                event.preventDefault();
                goToSpot(anchor, part.topicId ? `topic-${part.topicId}` : undefined);
              }}
            >
              {part.message}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
