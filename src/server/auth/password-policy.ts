import { isStrongPassword } from './passwords.ts';

/**
 * Passwords that meet the length and letters-and-digits rule yet head every leaked-password list
 * (SecLists, NordPass and Chinese leak lists), compared lowercased. Guessing these is the first thing
 * an attacker tries, and login throttling only slows that down.
 */
const COMMON_PASSWORDS = new Set([
  'password1', 'password12', 'password123', 'password1234', 'password12345', 'password123456', 'password2023', 'password2024',
  'password2025', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'qwerty123456', 'qwerty12345', 'qwertyuiop1', 'qwertyuiop123',
  '1qaz2wsx3edc', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zaq12wsxcde3', 'zxcvbnm123', 'asdfghjkl1', 'asdf123456',
  'abc1234567', 'abc12345678', 'abc123456789', 'abcd123456', 'abcd1234567', 'abcde12345', 'a123456789', 'a1234567890', 'aa123456789',
  'aa12345678', 'a1b2c3d4e5', '123456789a', '1234567890a', '123456789abc', '12345678abc', '123456abcd', '123qweasdzxc', 'qweasdzxc123',
  '123qwe123qwe', 'qwe123qwe123', 'iloveyou12', 'iloveyou123', 'iloveyou1314', 'woaini1314', 'woaini520', 'woaini123456', '5201314abc',
  'wang123456', 'zhang123456', 'li123456789', 'liu123456789', 'chen123456', 'qq123456789', 'qq1234567890', 'aini1314520',
  'admin12345', 'admin123456', 'admin1234567', 'administrator1', 'root123456', 'test123456', 'test1234567', 'guest123456',
  'welcome123', 'welcome1234', 'welcome2024', 'letmein123', 'changeme123', 'sunshine123', 'princess123', 'football123', 'baseball123',
  'dragon12345', 'monkey12345', 'master12345', 'shadow12345', 'superman123', 'batman12345', 'trustno1234', 'michael123',
  'computer123', 'internet123', 'hello123456', 'helloworld1', 'helloworld123', 'loveyou1314', 'starwars123', 'pokemon123',
  'liaison123', 'liaison2024', 'liaison12345', 'company123', 'company2024', 'summer2024', 'winter2024', 'spring2024', 'autumn2024',
]);

/** Words that stay guessable whatever digits or signs follow them ("Password2024!", "Qwerty!@#123"). */
const COMMON_STEMS = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'iloveyou', 'woaini',
  'admin', 'administrator', 'welcome', 'letmein', 'changeme', 'liaison', 'test', 'guest', 'root', 'abc', 'abcd', 'abcdef', 'hello',
  'helloworld', 'a', 'aa', 'qq', 'qwe', 'q1w2e3r4', '1q2w3e4r', '1qaz2wsx',
]);

export type PasswordProblem = 'password.weak' | 'password.common' | 'password.containsEmail';

/**
 * The password policy every place that sets a password applies (sign-up by an admin, the CLI, user
 * imports, first start, a password change): at least 10 characters with letters and digits, not one of
 * the passwords every attacker tries first, and not built from the account's email. Answers the message
 * key of the first problem, or null.
 */
export function passwordProblem(password: string, account: { email?: string | null | undefined } = {}): PasswordProblem | null {
  if (!isStrongPassword(password)) return 'password.weak';
  const lower = password.normalize('NFKC').toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (COMMON_PASSWORDS.has(lower) || COMMON_STEMS.has(stem) || new Set(lower).size < 4) return 'password.common';
  const email = account.email?.trim().toLowerCase();
  if (email) {
    const local = email.split('@')[0] ?? '';
    if (lower.includes(email) || (local.length >= 3 && lower.includes(local))) return 'password.containsEmail';
  }
  return null;
}

/** The same problems in plain English, for the CLI (create-admin, users import, LIAISON_ADMIN_PASSWORD). */
export const passwordProblemText: Record<PasswordProblem, string> = {
  'password.weak': 'is too weak: at least 10 characters with letters and digits',
  'password.common': 'is one of the most common passwords and easy to guess: choose another',
  'password.containsEmail': 'must not contain the email address',
};

/** How many entries the bundled list holds (reported in docs/SECURITY.md). */
export const commonPasswordCount = COMMON_PASSWORDS.size + COMMON_STEMS.size;
