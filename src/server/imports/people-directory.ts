/** An active user of the organisation, as a sheet may name them. */
export type DirectoryUser = { id: string; name: string; email: string; departmentIds: string[] };
export type DirectoryDepartment = { id: string; name: string; headId: string | null };

/** Who and what a workbook may name: the organisation's active users and its departments. */
export type Directory = { users: DirectoryUser[]; departments: DirectoryDepartment[] };

export type PersonMatch =
  | { ok: true; user: DirectoryUser }
  | { ok: false; code: 'UNKNOWN_PERSON' | 'NOT_A_PERSON' }
  | { ok: false; code: 'AMBIGUOUS_PERSON'; candidates: DirectoryUser[] };

export type DepartmentMatch =
  | { ok: true; department: DirectoryDepartment }
  | { ok: false; code: 'UNKNOWN_DEPARTMENT' | 'AMBIGUOUS_DEPARTMENT' };

const EMAIL = /[^\s@<>()（）,，;；]+@[^\s@<>()（）,，;；]+\.[^\s@<>()（）,，;；]+/;

/** Names compare without spaces or width differences: 「陈 设计师」 is 「陈设计师」. */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * Finds the one active user a cell names: by email when it holds one, else by name — also written with
 * the department before it (「设计部陈设计师」) or after it in brackets (「陈设计师（设计部）」). Two people
 * of the same name are told apart by the department written with it, else by `preferDepartmentIds`
 * (the feedback row's or item's department); failing that the match is ambiguous. A department's name
 * where a person is needed is NOT_A_PERSON (template: 负责人需具体到个人).
 */
export function matchPerson(directory: Directory, raw: string, preferDepartmentIds: string[] = []): PersonMatch {
  const text = raw.normalize('NFKC').trim();
  const email = EMAIL.exec(text)?.[0];
  if (email) {
    const user = directory.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    return user ? { ok: true, user } : { ok: false, code: 'UNKNOWN_PERSON' };
  }
  const key = normalizeName(text);
  if (key === '') return { ok: false, code: 'UNKNOWN_PERSON' };

  const bracketed = /^(.+?)[(（](.+?)[)）]$/.exec(text);
  if (bracketed) {
    const department = matchDepartment(directory, bracketed[2]!);
    const named = usersNamed(directory, normalizeName(bracketed[1]!));
    if (department.ok) return pick(named.filter((u) => u.departmentIds.includes(department.department.id)), []);
    return pick(named, preferDepartmentIds);
  }

  const exact = usersNamed(directory, key);
  if (exact.length) return pick(exact, preferDepartmentIds);

  const departments = [...directory.departments].sort((a, b) => b.name.length - a.name.length);
  for (const department of departments) {
    const prefix = normalizeName(department.name);
    if (!key.startsWith(prefix) || key === prefix) continue;
    const named = usersNamed(directory, key.slice(prefix.length));
    const inDepartment = named.filter((u) => u.departmentIds.includes(department.id));
    if (inDepartment.length || named.length) return pick(inDepartment.length ? inDepartment : named, preferDepartmentIds);
  }
  if (departments.some((d) => normalizeName(d.name) === key)) return { ok: false, code: 'NOT_A_PERSON' };
  return { ok: false, code: 'UNKNOWN_PERSON' };
}

/** Finds a department by name (「研发」 also finds 研发部); two departments of one name are ambiguous. */
export function matchDepartment(directory: Directory, raw: string): DepartmentMatch {
  const key = normalizeName(raw);
  if (key === '') return { ok: false, code: 'UNKNOWN_DEPARTMENT' };
  let found = directory.departments.filter((d) => normalizeName(d.name) === key);
  if (!found.length && !key.endsWith('部')) found = directory.departments.filter((d) => normalizeName(d.name) === `${key}部`);
  if (found.length === 1) return { ok: true, department: found[0]! };
  return { ok: false, code: found.length ? 'AMBIGUOUS_DEPARTMENT' : 'UNKNOWN_DEPARTMENT' };
}

function usersNamed(directory: Directory, key: string): DirectoryUser[] {
  return directory.users.filter((u) => normalizeName(u.name) === key);
}

function pick(candidates: DirectoryUser[], preferDepartmentIds: string[]): PersonMatch {
  if (candidates.length === 1) return { ok: true, user: candidates[0]! };
  if (!candidates.length) return { ok: false, code: 'UNKNOWN_PERSON' };
  const preferred = candidates.filter((u) => u.departmentIds.some((id) => preferDepartmentIds.includes(id)));
  if (preferred.length === 1) return { ok: true, user: preferred[0]! };
  return { ok: false, code: 'AMBIGUOUS_PERSON', candidates };
}
