import type { AddressInfo } from 'node:net';

/** The URL the server really listens on, as a reader can use it. */
export function describeListenAddress(address: AddressInfo | string | null): string {
  if (address === null) return 'an unknown address';
  if (typeof address === 'string') return address;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const everywhere = address.address === '0.0.0.0' || address.address === '::';
  return `http://${host}:${address.port}${everywhere ? ' (every network interface)' : ''}`;
}
