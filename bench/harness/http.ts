/** A signed-in user of the benchmark: the session cookie and CSRF token, as the web app holds them. */
export type BenchSession = { userId: string; email: string; cookie: string; csrfToken: string };

export async function login(baseUrl: string, user: { id: string; email: string }, password: string): Promise<BenchSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${user.email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('liaison_session='));
  const body = (await response.json()) as { csrfToken: string };
  if (!cookie) throw new Error('no session cookie');
  return { userId: user.id, email: user.email, cookie, csrfToken: body.csrfToken };
}

/** GET as the session; the body read to the end (that is when the answer has arrived) and returned parsed on demand. */
export async function get(baseUrl: string, session: BenchSession, path: string, expect = 200): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie: session.cookie, 'accept-language': 'zh-CN' } });
  const text = await response.text();
  if (response.status !== expect) throw new Error(`GET ${path}: ${response.status} ${text.slice(0, 200)}`);
  return text;
}

export async function post(baseUrl: string, session: BenchSession, path: string, body: unknown, expect = 201): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expect) throw new Error(`POST ${path}: ${response.status} ${text.slice(0, 200)}`);
  return text;
}
