/**
 * A dApp written the way dApps for MetaMask are (no library, web3.js 1.x-era habits): it
 * looks for `window.ethereum`, refuses to work unless `isMetaMask` is true ("Please install
 * MetaMask"), talks through the legacy `sendAsync` (and `enable()`, `send()`), compares the
 * recovered signer with `accounts[0]` strictly, and listens to `accountsChanged`,
 * `chainChanged` and `message` (subscriptions). The test drives it through `window.mm`.
 */
(() => {
  const mm = { gated: null, chainId: null, netVersion: null, accounts: [], events: [], messages: [] };
  window.mm = mm;
  const status = document.getElementById('status');
  let nextId = 1;

  /** web3.js 1.x style: a JSON-RPC payload through sendAsync, the error from the callback. */
  function rpc(method, params) {
    return new Promise((resolve, reject) => {
      window.ethereum.sendAsync(
        { id: nextId++, jsonrpc: '2.0', method, params: params || [] },
        (error, response) => {
          if (error) reject(error);
          else if (response.error) reject(response.error);
          else resolve(response.result);
        },
      );
    });
  }
  const toHex = (text) =>
    `0x${Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  const outcome = (promise) =>
    promise.then(
      (ok) => ({ ok }),
      (error) => ({ error: { code: error.code, message: error.message } }),
    );

  /** The "Connect MetaMask" button: gate, connect, read the chain, listen. */
  mm.start = async () => {
    const ethereum = window.ethereum;
    if (!ethereum?.isMetaMask) {
      mm.gated = false;
      status.textContent = 'Please install MetaMask';
      return { gated: false, isTrine: ethereum ? ethereum.isTrine === true : false };
    }
    mm.gated = true;
    ethereum.on('accountsChanged', (accounts) => {
      mm.accounts = accounts;
      mm.events.push({ event: 'accountsChanged', data: accounts });
    });
    ethereum.on('chainChanged', (chainId) => {
      mm.chainId = chainId;
      mm.events.push({ event: 'chainChanged', data: chainId });
    });
    ethereum.on('message', (message) => mm.messages.push(message));
    const connected = await outcome(ethereum.enable());
    if (connected.error) return { gated: true, ...connected };
    mm.accounts = connected.ok;
    const [chainId, netVersion] = await new Promise((resolve) =>
      ethereum.sendAsync(
        [
          { id: nextId++, jsonrpc: '2.0', method: 'eth_chainId' },
          { id: nextId++, jsonrpc: '2.0', method: 'net_version' },
        ],
        (_error, responses) => resolve(responses.map((r) => r.result)),
      ),
    );
    mm.chainId = chainId;
    mm.netVersion = netVersion;
    status.textContent = `Connected ${mm.accounts[0]}`;
    return { gated: true, accounts: mm.accounts, chainId, netVersion };
  };

  mm.accountsNow = () => rpc('eth_accounts');
  mm.legacySend = async () => {
    const response = await window.ethereum.send('eth_chainId', []);
    const sync = window.ethereum.send({ id: 7, jsonrpc: '2.0', method: 'eth_accounts' });
    return { response, sync };
  };

  /** personal_sign, then the dApp's own check: personal_ecRecover === accounts[0], strictly. */
  mm.personalSign = (text) =>
    outcome(
      (async () => {
        const message = toHex(text);
        const signature = await rpc('personal_sign', [message, mm.accounts[0]]);
        const recovered = await rpc('personal_ecRecover', [message, signature]);
        return { message, signature, recovered, matches: recovered === mm.accounts[0] };
      })(),
    );
  mm.signTypedV1 = (fields) => outcome(rpc('eth_signTypedData', [fields, mm.accounts[0]]));
  mm.signTypedV3 = (data) => outcome(rpc('eth_signTypedData_v3', [mm.accounts[0], JSON.stringify(data)]));
  mm.signTypedV4 = (data) => outcome(rpc('eth_signTypedData_v4', [mm.accounts[0], JSON.stringify(data)]));

  /** A transaction and its receipt (polled, as dApps without a library do). */
  mm.send = (tx) =>
    outcome(
      (async () => {
        const hash = await rpc('eth_sendTransaction', [{ from: mm.accounts[0], ...tx }]);
        for (let i = 0; i < 100; i++) {
          const receipt = await rpc('eth_getTransactionReceipt', [hash]);
          if (receipt) return { hash, receipt, tx: await rpc('eth_getTransactionByHash', [hash]) };
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('no receipt');
      })(),
    );
  mm.subscribe = (...params) => outcome(rpc('eth_subscribe', params));
  mm.unsubscribe = (id) => outcome(rpc('eth_unsubscribe', [id]));
  mm.request = (method, params) =>
    outcome(window.ethereum.request(params === undefined ? { method } : { method, params }));
  mm.addChain = (chainId, rpcUrl) =>
    outcome(
      rpc('wallet_addEthereumChain', [
        {
          chainId,
          chainName: 'Second anvil',
          rpcUrls: [rpcUrl],
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        },
      ]),
    );
  mm.switchChain = (chainId) => outcome(rpc('wallet_switchEthereumChain', [{ chainId }]));
  mm.revoke = () => outcome(rpc('wallet_revokePermissions', [{ eth_accounts: {} }]));
})();
