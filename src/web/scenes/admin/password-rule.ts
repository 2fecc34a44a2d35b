/**
 * The server's password rule (src/server/auth/passwords.ts `isStrongPassword`), checked in the form so
 * the admin learns it before sending; the server still decides.
 */
export function isStrongPassword(password: string): boolean {
  return password.length >= 10 && /\p{L}/u.test(password) && /\d/.test(password);
}
