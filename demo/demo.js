// The demo dApp: EIP-6963 wallet discovery and a few EIP-1193 calls. Plain JS, no build.
const wallets = new Map(); // uuid → { info, provider }
let current; // the chosen wallet
let account;

const $ = (id) => document.getElementById(id);

function log(text, isError = false) {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  if (isError) li.className = 'error';
  $('log').prepend(li);
}

function renderWallets() {
  const list = $('wallets');
  list.replaceChildren();
  if (wallets.size === 0) {
    list.innerHTML = '<li class="empty">No wallet announced yet.</li>';
    return;
  }
  for (const { info } of wallets.values()) {
    const li = document.createElement('li');
    li.dataset.uuid = info.uuid;
    li.dataset.rdns = info.rdns;
    const icon = document.createElement('img');
    icon.src = info.icon; // EIP-6963: a data URI
    icon.alt = '';
    const name = document.createElement('span');
    name.textContent = info.name;
    const rdns = document.createElement('span');
    rdns.className = 'rdns';
    rdns.textContent = info.rdns;
    const use = document.createElement('button');
    use.textContent = current?.info.uuid === info.uuid ? 'Selected' : 'Use';
    use.disabled = current?.info.uuid === info.uuid;
    use.addEventListener('click', () => select(info.uuid));
    li.append(icon, name, rdns, use);
    list.append(li);
  }
}

function select(uuid) {
  current = wallets.get(uuid);
  account = undefined;
  $('wallet-name').textContent = current.info.name;
  $('account').textContent = 'not connected';
  $('connect').disabled = false;
  $('sign').disabled = true;
  $('send').disabled = true;
  current.provider.on?.('accountsChanged', (accounts) => setAccount(accounts[0]));
  current.provider.on?.('chainChanged', (chainId) => setChain(chainId));
  renderWallets();
  log(`selected ${current.info.name}`);
}

function setAccount(address) {
  account = address;
  $('account').textContent = address ?? 'not connected';
  $('sign').disabled = !address;
  $('send').disabled = !address;
}

function setChain(chainId) {
  $('chain').textContent = `${chainId} (${Number.parseInt(chainId, 16)})`;
}

async function call(method, params) {
  try {
    const result = await current.provider.request(params ? { method, params } : { method });
    log(`${method} → ${typeof result === 'string' ? result : JSON.stringify(result)}`);
    return result;
  } catch (error) {
    log(`${method} failed: ${error.code ?? ''} ${error.message}`, true);
    return undefined;
  }
}

const toHex = (text) =>
  `0x${[...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;

$('connect').addEventListener('click', async () => {
  const accounts = await call('eth_requestAccounts');
  if (accounts) setAccount(accounts[0]);
  const chainId = await call('eth_chainId');
  if (chainId) setChain(chainId);
});

$('sign').addEventListener('click', () => call('personal_sign', [toHex($('message').value), account]));

$('send').addEventListener('click', () =>
  call('eth_sendTransaction', [{ from: account, to: $('to').value, value: '0x38d7ea4c68000' }]),
);

window.addEventListener('eip6963:announceProvider', (event) => {
  const { info, provider } = event.detail;
  if (!info?.uuid || wallets.has(info.uuid)) return;
  wallets.set(info.uuid, { info, provider });
  log(`wallet announced: ${info.name} (${info.rdns})`);
  renderWallets();
});
window.dispatchEvent(new Event('eip6963:requestProvider'));
