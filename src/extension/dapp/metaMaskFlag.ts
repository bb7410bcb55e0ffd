/**
 * The user's MetaMask-compatibility setting: whether pages' providers say
 * `isMetaMask: true` (on by default: dApps written for MetaMask gate everything on it),
 * globally and per site. Kept in `storage.local` (not secret), where each page's content
 * script reads it at load without waking the background; changed only through the
 * background (`dapp-metamask-flag`, from the connected-sites screen). A page sees a change
 * at its next load.
 */
import * as v from 'valibot';

export const METAMASK_FLAG_KEY = 'dapp-metamask-flag';
/** Per-site choices kept (oldest dropped beyond this). */
const MAX_SITES = 1000;

export type MetaMaskFlagSetting = { enabled: boolean; sites: Record<string, boolean> };

const Setting = v.object({ enabled: v.boolean(), sites: v.record(v.string(), v.boolean()) });
const DEFAULT: MetaMaskFlagSetting = { enabled: true, sites: {} };

/** The slice of `browser.storage.local` this needs (content script and background both have it). */
export type SettingArea = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
};

export async function readMetaMaskFlag(area: SettingArea): Promise<MetaMaskFlagSetting> {
  const stored = v.safeParse(Setting, (await area.get(METAMASK_FLAG_KEY))[METAMASK_FLAG_KEY]);
  return stored.success ? stored.output : DEFAULT;
}

/** Whether `origin`'s pages say `isMetaMask`: its own choice, else the global one. */
export function metaMaskFlagFor(setting: MetaMaskFlagSetting, origin: string): boolean {
  return Object.hasOwn(setting.sites, origin) ? setting.sites[origin] === true : setting.enabled;
}

/**
 * Turn the flag on or off for every site (`origin` absent: per-site choices stay) or for
 * one site; `enabled: null` for a site forgets its choice (it follows the global one again).
 */
export async function changeMetaMaskFlag(
  area: SettingArea,
  change: { origin?: string; enabled: boolean | null },
): Promise<MetaMaskFlagSetting> {
  const setting = await readMetaMaskFlag(area);
  let next: MetaMaskFlagSetting;
  if (change.origin === undefined) next = { ...setting, enabled: change.enabled ?? true };
  else {
    const { [change.origin]: _, ...others } = setting.sites;
    const sites = change.enabled === null ? others : { ...others, [change.origin]: change.enabled };
    next = { ...setting, sites: Object.fromEntries(Object.entries(sites).slice(-MAX_SITES)) };
  }
  await area.set({ [METAMASK_FLAG_KEY]: next });
  return next;
}
