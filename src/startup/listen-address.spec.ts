import { describeListenAddress } from './listen-address';

describe('describeListenAddress', () => {
  it('names the loopback address the server is bound to', () => {
    expect(describeListenAddress({ address: '127.0.0.1', family: 'IPv4', port: 3000 })).toBe('http://127.0.0.1:3000');
  });

  it('says when the server listens on every interface', () => {
    expect(describeListenAddress({ address: '0.0.0.0', family: 'IPv4', port: 80 })).toBe(
      'http://0.0.0.0:80 (every network interface)',
    );
    expect(describeListenAddress({ address: '::', family: 'IPv6', port: 80 })).toBe('http://[::]:80 (every network interface)');
  });

  it('puts an IPv6 address in brackets', () => {
    expect(describeListenAddress({ address: '::1', family: 'IPv6', port: 3000 })).toBe('http://[::1]:3000');
  });
});
