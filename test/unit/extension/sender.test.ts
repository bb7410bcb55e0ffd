import { describe, expect, it } from 'vitest';
import { classifySender } from '../../../extension/background/sender.ts';

const id = 'hdchgmmphpekcenbcepegmhpelgcohbm';
const base = `chrome-extension://${id}/`;
const tab = { id: 1, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

describe('classifySender', () => {
  it('recognises our own pages, with or without a tab', () => {
    expect(classifySender({ id, url: `${base}popup.html` }, id, base)).toEqual({ kind: 'extension-page' });
    expect(classifySender({ id, url: `${base}pages/callback.html?x=1`, tab }, id, base)).toEqual({
      kind: 'extension-page',
    });
  });

  it('takes a web page origin from the browser: Chrome`s origin first, else the frame URL', () => {
    expect(classifySender({ id, url: 'http://localhost:8080/app?q=1', tab }, id, base)).toEqual({
      kind: 'web-page',
      origin: 'http://localhost:8080',
      tabId: 1,
    });
    const sender = { id, url: 'https://dapp.example/x', tab, origin: 'https://dapp.example' };
    expect(classifySender(sender, id, base)).toEqual({
      kind: 'web-page',
      origin: 'https://dapp.example',
      tabId: 1,
    });
  });

  it('ignores other extensions, missing URLs, tabless web senders and opaque origins', () => {
    expect(
      classifySender({ id: 'otherextensionidotherextensionid', url: `${base}popup.html` }, id, base),
    ).toBeUndefined();
    expect(classifySender({ id }, id, base)).toBeUndefined();
    expect(classifySender({ id, url: 'https://dapp.example/' }, id, base)).toBeUndefined();
    expect(
      classifySender({ id, url: 'https://dapp.example/', tab, origin: 'null' } as never, id, base),
    ).toBeUndefined();
    expect(classifySender({ id, url: 'file:///etc/passwd', tab }, id, base)).toBeUndefined();
    expect(classifySender({ id, url: 'not a url', tab }, id, base)).toBeUndefined();
  });

  it('does not take a look-alike URL for one of our pages', () => {
    const lookAlike = `chrome-extension://${id}.evil.example/popup.html`;
    expect(classifySender({ id, url: lookAlike, tab }, id, base)).toBeUndefined();
  });
});
