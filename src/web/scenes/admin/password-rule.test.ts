import { describe, expect, it } from 'vitest';
import { isStrongPassword as serverRule } from '../../../server/auth/passwords.ts';
import { isStrongPassword } from './password-rule.ts';

describe('password rule in the user form', () => {
  it('agrees with the server', () => {
    for (const password of ['short1', 'onlyletterslong', '1234567890', 'abcdefghi1', '密码密码密码密码密码1', 'Passw0rd-Liaison', '']) {
      expect(isStrongPassword(password), password).toBe(serverRule(password));
    }
  });
});
