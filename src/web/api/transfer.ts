import { ApiError, isApiError, toApiError, transferSession, withQuery, type RequestOptions } from './client.ts';

/**
 * GET of a file (an export): the UI language for the server's messages, the session cookie. Resolves to
 * the Response when it is the file, so the caller can read its body as a stream (download progress);
 * a refusal is thrown as the API's error, like apiRequest's.
 */
export async function apiDownload(path: string, query?: RequestOptions['query'], signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(withQuery(transferSession.base + path, query), {
      headers: await transferSession.headers(false),
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.ok) return response;
  const error = toApiError(response.status, await response.json().catch(() => null));
  if (error.status === 401) transferSession.unauthenticated();
  throw error;
}

export type UploadOptions = { query?: RequestOptions['query']; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal };

/**
 * POSTs multipart form data (a file) as the signed-in browser, with the CSRF token, reporting how much
 * of it has gone out (fetch cannot tell upload progress, XMLHttpRequest can). Errors as apiRequest's; a
 * stale CSRF token is refreshed and the upload tried once more.
 */
export async function apiUpload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  try {
    return await sendForm<T>(path, form, options);
  } catch (error) {
    if (!isApiError(error, 'CSRF_FAILED')) throw error;
    await transferSession.refreshCsrfToken();
    return sendForm<T>(path, form, options);
  }
}

async function sendForm<T>(path: string, form: FormData, options: UploadOptions): Promise<T> {
  const headers = await transferSession.headers(true);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(transferSession.base + path, options.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      const error = toApiError(xhr.status, payload);
      if (error.status === 401) transferSession.unauthenticated();
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network error'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) return reject(new DOMException('The upload was cancelled', 'AbortError'));
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}
