/**
 * solc-js, pinned by package.json, with fixed settings so the bytecode is reproducible:
 * every contract in one source file → { abi, bytecode }.
 */
import solc from 'solc';

/** @returns {Record<string, { abi: unknown[]; bytecode: `0x${string}` }>} */
export function compileContracts(fileName, source) {
  const input = {
    language: 'Solidity',
    sources: { [fileName]: { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(`${fileName}: ${errors.map((e) => e.formattedMessage).join('\n')}`);
  const result = {};
  for (const [name, contract] of Object.entries(output.contracts[fileName]))
    result[name] = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  return result;
}
