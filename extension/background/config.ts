/**
 * Build-time settings of the extension, taken from the local stack configuration.
 */
import local from '../../config/local.json';

/** The default chain's id as EIP-1193 hex (31337 → '0x7a69'). */
export const chainIdHex = `0x${local.chain.chainId.toString(16)}`;
