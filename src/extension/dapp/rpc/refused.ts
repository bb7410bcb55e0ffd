/**
 * Methods of MetaMask's documented API (and older ones dApps still try) that Trine refuses
 * on purpose, each with the reason the dApp developer reads in the 4200 error. Anything
 * neither here nor in the method table gets the plain "does not support".
 */
export const REFUSED_METHODS: ReadonlyMap<string, string> = new Map([
  [
    'eth_sign',
    'The method "eth_sign" does not exist / is not available: it signs a bare hash, which a phishing site can make a transaction, so MetaMask removed it and Trine never had it; use personal_sign or eth_signTypedData_v4.',
  ],
  [
    'eth_signTransaction',
    'eth_signTransaction is not available: Trine hands out no signed transaction without sending it (as MetaMask); use eth_sendTransaction.',
  ],
  [
    'eth_sendRawTransaction',
    'eth_sendRawTransaction is not available: Trine relays only transactions its user approved; send it to a node yourself.',
  ],
  ['eth_decrypt', 'eth_decrypt is not available: deprecated by MetaMask, and Trine keeps no encryption key.'],
  [
    'eth_getEncryptionPublicKey',
    'eth_getEncryptionPublicKey is not available: deprecated by MetaMask, and Trine keeps no encryption key.',
  ],
  [
    'eth_newPendingTransactionFilter',
    'eth_newPendingTransactionFilter is not available: a wallet polling a node cannot see pending transactions.',
  ],
  [
    'wallet_registerOnboarding',
    'wallet_registerOnboarding is not available: Trine has no onboarding to hand back to a site.',
  ],
  ['wallet_scanQRCode', 'wallet_scanQRCode is not available: MetaMask Mobile only.'],
  ['wallet_getSnaps', 'wallet_getSnaps is not available: Snaps are MetaMask only.'],
  ['wallet_requestSnaps', 'wallet_requestSnaps is not available: Snaps are MetaMask only.'],
  ['wallet_invokeSnap', 'wallet_invokeSnap is not available: Snaps are MetaMask only.'],
  ['wallet_snap', 'wallet_snap is not available: Snaps are MetaMask only.'],
]);
