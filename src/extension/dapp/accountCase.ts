/**
 * Addresses as dApps receive them: lower case, as MetaMask answers `eth_accounts`,
 * `eth_requestAccounts` and `accountsChanged`. dApps written for MetaMask compare
 * `recovered === accounts[0]` strictly, and recovery helpers (eth-sig-util, ethers v5's
 * `verifyMessage` lower-cased) answer lower case. Screens keep the checksummed form.
 */
import type { Address } from 'viem';

/** @example forDapp(['0xAbC…']) // ['0xabc…'] */
export function forDapp(addresses: readonly Address[]): Address[] {
  return addresses.map((a) => a.toLowerCase() as Address);
}
