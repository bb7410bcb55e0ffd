/** Amounts for people: wei as ether with up to 6 decimals, and fee prices in gwei. */
import { formatEther, formatGwei } from 'viem';

export function ether(wei: string, symbol: string): string {
  const text = formatEther(BigInt(wei));
  const [whole, fraction = ''] = text.split('.');
  const short = fraction.slice(0, 6).replace(/0+$/, '');
  const shown = short === '' ? whole : `${whole}.${short}`;
  return `${shown}${fraction.length > 6 && /[1-9]/.test(fraction.slice(6)) ? '…' : ''} ${symbol}`;
}

export function gwei(wei: string): string {
  return `${formatGwei(BigInt(wei))} gwei`;
}
