import { isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';

/**
 * What to tell the user when a download or upload fails: the server's own message (already in the UI
 * language, field messages first), a network hint, or for answers that are not the API's shape (a proxy's
 * 413 page) a message chosen by the status.
 */
export function transferErrorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.code === 'NETWORK_ERROR') return t('error.network');
  if (error.code.startsWith('HTTP_')) {
    if (error.status === 413) return t('transfer.tooLarge');
    if (error.status === 415) return t('transfer.unsupportedType');
    if (error.status === 404) return t('error.notFound');
    return t('error.generic');
  }
  const fields = error.fields.map((f) => f.message).filter(Boolean);
  return fields.length > 0 ? fields.join(' ') : error.message;
}
