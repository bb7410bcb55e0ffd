import { describe, expect, it } from 'vitest';
import { describeStore, parseStoreUrl } from '../../../src/storage/url.ts';

describe('parseStoreUrl', () => {
  it('reads sqlite files and postgres URLs with a schema', () => {
    expect(parseStoreUrl('sqlite:data/node-1.sqlite')).toEqual({
      kind: 'sqlite',
      file: 'data/node-1.sqlite',
    });
    expect(parseStoreUrl('sqlite:///tmp/x.sqlite')).toEqual({ kind: 'sqlite', file: '/tmp/x.sqlite' });
    expect(parseStoreUrl('postgres://u:pw@db:5432/trine?schema=node_3&sslmode=require')).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://u:pw@db:5432/trine?sslmode=require',
      schema: 'node_3',
    });
    expect(parseStoreUrl('postgresql://db/trine')).toMatchObject({ schema: 'public' });
  });

  it('refuses anything else, naming the field', () => {
    for (const bad of [
      '',
      'sqlite:',
      'mysql://x',
      'postgres://db/x?schema=Bad-Name',
      'postgres://db/x?schema=a;drop',
    ])
      expect(() => parseStoreUrl(bad)).toThrow(/^store: /);
  });

  it('describes a store without its password', () => {
    expect(describeStore(parseStoreUrl('postgres://u:secret@db:5432/trine?schema=n1'))).toBe(
      'postgres://db:5432/trine schema n1',
    );
  });
});
