/**
 * Check what the user typed on the Send screen and build the transaction, ready for review:
 * the recipient (address with checksum, or ENS name), the amount ("max": the whole balance
 * less the most the fee can be, for the coin; the whole balance, for a token), the token
 * (a contract that answers as an ERC-20), and that the balance covers amount and fee.
 * Gas and fees come from the dApp transaction builder (dapp/tx/build.ts). Nothing is signed
 * and nothing is sent; every refusal names its field.
 */
import { type Address, getAddress, type Hex, hexToBigInt } from 'viem';
import { invalidInput } from '../../errors/index.ts';
import type { Chain, ChainRpc } from '../dapp/services.ts';
import { type PreparedTransaction, prepareTransaction } from '../dapp/tx/build.ts';
import { maxPricePerGas } from '../dapp/tx/fees.ts';
import { readErc20 } from '../tokens/erc20.ts';
import { formatAmount, parseAmount } from './amount.ts';
import { chainFailure } from './chainFailure.ts';
import type { SendDraft } from './draft.ts';
import { resolveEnsName } from './ens.ts';
import { parseRecipient } from './recipient.ts';
import type { SendServices } from './services.ts';
import { transferData } from './transferData.ts';

export type SendRequest = {
  /** Address or ENS name, as typed. */
  to: string;
  /** Decimal in the asset's units, or "max". */
  amount: string;
  /** The ERC-20 to send, or null for the chain's coin. */
  token: string | null;
};

const COIN_DECIMALS = 18;

export async function prepareSend(
  request: SendRequest,
  from: Address,
  services: Pick<SendServices, 'chains' | 'rpc'>,
): Promise<SendDraft> {
  // Everything that needs no chain is checked first.
  const recipient = parseRecipient(request.to);
  const max = request.amount.trim().toLowerCase() === 'max';
  const token = request.token === null ? null : tokenAddress(request.token);
  const chain = await services.chains.selected();
  try {
    const to =
      recipient.kind === 'address'
        ? recipient.address
        : await resolveEnsName(recipient.name, chain, services.rpc);
    const shownTo = recipient.kind === 'ens' ? `${recipient.name} (${to})` : to;
    return token === null
      ? await coinSend(chain, services.rpc, from, to, shownTo, request.amount, max)
      : await tokenSend(chain, services.rpc, from, to, shownTo, token, request.amount, max);
  } catch (error) {
    throw chainFailure(error, chain);
  }
}

async function coinSend(
  chain: Chain,
  rpc: ChainRpc,
  from: Address,
  to: Address,
  shownTo: string,
  amount: string,
  max: boolean,
): Promise<SendDraft> {
  const coin = (raw: bigint) => formatAmount(raw, COIN_DECIMALS, chain.symbol);
  const value = max ? null : parseAmount(amount, COIN_DECIMALS, chain.symbol);
  const balance = await balanceOf(rpc, chain, from);
  // Refused before estimating: a node will not estimate a transfer of more than the balance.
  if (value !== null && value > balance)
    throw invalidInput('amount', `${coin(value)} is more than the balance, ${coin(balance)}`);
  const tx = await prepareTransaction({ from, to, value: value ?? 0n }, chain, rpc);
  const fee = maxFee(tx);
  if (value === null) {
    // max = balance − gas × highest price per gas: the fee can never take more than that.
    if (balance <= fee)
      throw invalidInput(
        'amount',
        `the balance, ${coin(balance)}, does not cover the fee of up to ${coin(fee)}`,
      );
    tx.value = balance - fee;
  } else if (value + fee > balance)
    throw invalidInput(
      'amount',
      `${coin(value)} plus a fee of up to ${coin(fee)} is more than the balance, ${coin(balance)}; at most ${coin(balance > fee ? balance - fee : 0n)} can be sent`,
    );
  return { chain, tx, summary: summaryOf(`${coin(tx.value)} to ${shownTo}`), replaces: null };
}

async function tokenSend(
  chain: Chain,
  rpc: ChainRpc,
  from: Address,
  to: Address,
  shownTo: string,
  token: Address,
  amount: string,
  max: boolean,
): Promise<SendDraft> {
  const facts = await readErc20(chain.rpcUrl, token, from); // no code, or not answering as an ERC-20: refused
  const units = (raw: bigint) => formatAmount(raw, facts.decimals, facts.symbol);
  const value = max ? facts.balance : parseAmount(amount, facts.decimals, facts.symbol);
  if (value === 0n) throw invalidInput('amount', `there are no ${facts.symbol} to send`);
  if (value > facts.balance)
    throw invalidInput('amount', `${units(value)} is more than the balance, ${units(facts.balance)}`);
  const tx = await prepareTransaction(
    { from, to: token, value: 0n, data: transferData(to, value) },
    chain,
    rpc,
  );
  const fee = maxFee(tx);
  const balance = await balanceOf(rpc, chain, from);
  if (fee > balance)
    throw invalidInput(
      'fee',
      `the fee of up to ${formatAmount(fee, COIN_DECIMALS, chain.symbol)} is more than the balance, ${formatAmount(balance, COIN_DECIMALS, chain.symbol)}`,
    );
  return { chain, tx, summary: summaryOf(`${units(value)} to ${shownTo}`), replaces: null };
}

const summaryOf = (what: string) => ({ review: `Send ${what}`, activity: `Sent ${what}` });

/** The most the fee can be: gas limit × highest price per gas. */
export function maxFee(tx: Pick<PreparedTransaction, 'gas' | 'fees'>): bigint {
  return tx.gas * maxPricePerGas(tx.fees);
}

function tokenAddress(text: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw invalidInput('token', 'expected a token contract address');
  return getAddress(text);
}

async function balanceOf(rpc: ChainRpc, chain: Chain, address: Address): Promise<bigint> {
  const answer = await rpc(chain.rpcUrl, 'eth_getBalance', [address, 'latest']);
  if (typeof answer !== 'string' || !/^0x[0-9a-f]+$/i.test(answer))
    throw chainFailure(new Error('no balance in the answer'), chain, 'eth_getBalance');
  return hexToBigInt(answer as Hex);
}
