import { describe, expect, it } from 'vitest';
import { assertSafeTarget, classifyAddress, UnsafeTargetError } from './ssrf-guard.ts';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'private'],
    ['127.255.0.9', 'private'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.10.20', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.254', 'private'],
    ['0.0.0.0', 'private'],
    ['::1', 'private'],
    ['::', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1%eth0', 'private'],
    ['::ffff:127.0.0.1', 'private'],
    ['::ffff:7f00:1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['::127.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'private'], // NAT64 of 10.0.0.1
    ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
    ['169.254.169.254', 'forbidden'],
    ['::ffff:169.254.169.254', 'forbidden'],
    ['100.100.100.200', 'forbidden'],
    ['fd00:ec2::254', 'forbidden'],
    ['224.0.0.1', 'forbidden'],
    ['255.255.255.255', 'forbidden'],
    ['ff02::1', 'forbidden'],
    ['not-an-ip', 'forbidden'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['203.119.128.10', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['2408:4000::1', 'public'],
    ['2606:4700::6810:85e5', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('assertSafeTarget', () => {
  const refused = async (url: string, allowPrivate = false) => {
    const error = await assertSafeTarget(url, { allowPrivate }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnsafeTargetError);
    return (error as UnsafeTargetError).reason;
  };

  it('accepts a public https or http address and returns what it checked', async () => {
    const target = await assertSafeTarget('https://8.8.8.8/robot/send?access_token=x', { allowPrivate: false });
    expect(target.addresses).toEqual([{ address: '8.8.8.8', family: 4 }]);
    expect(target.url.searchParams.get('access_token')).toBe('x');
    await expect(assertSafeTarget('http://[2606:4700::6810:85e5]/hook', { allowPrivate: false })).resolves.toBeTruthy();
  });

  it('refuses schemes other than http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://8.8.8.8/', 'gopher://8.8.8.8:70/', 'javascript:alert(1)', 'not a url']) {
      expect(await refused(url, true)).toBe('protocol');
    }
  });

  it('refuses loopback, private and link-local targets, however they are spelt', async () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://2130706433/', // 127.0.0.1 as one decimal number
      'http://0x7f.1/', // 127.0.0.1 in hex shorthand
      'http://0/',
      'http://10.0.0.5/hook',
      'http://192.168.1.1/',
      'http://172.20.0.1/',
      'http://100.64.1.1/',
      'http://[fd00::1]/',
      'http://169.254.1.1/',
    ]) {
      expect(await refused(url), url).toBe('private');
    }
  });

  it('allows private targets when the admin allowed them', async () => {
    await expect(assertSafeTarget('http://127.0.0.1:8080/', { allowPrivate: true })).resolves.toBeTruthy();
    await expect(assertSafeTarget('http://localhost/', { allowPrivate: true })).resolves.toBeTruthy();
    await expect(assertSafeTarget('http://10.0.0.5/', { allowPrivate: true })).resolves.toBeTruthy();
  });

  it('refuses cloud metadata endpoints even when private targets are allowed', async () => {
    expect(await refused('http://169.254.169.254/latest/meta-data/', true)).toBe('forbidden');
    expect(await refused('http://[::ffff:a9fe:a9fe]/', true)).toBe('forbidden');
    expect(await refused('http://100.100.100.200/latest/meta-data/', true)).toBe('forbidden');
  });
});
