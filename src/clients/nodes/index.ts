/** The client of the key-holding nodes (service worker and Node: fetch and WebCrypto only). */
export { attest } from './attest.ts';
export type { NodeFailure, NodeFailureReason } from './failures.ts';
export { fetchNetworkShare } from './fetchNetworkShare.ts';
export { installDealing } from './installDealing.ts';
export type { InstallProgress, NetworkShare, NodeLogin, NodesProgress } from './types.ts';
