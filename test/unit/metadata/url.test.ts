import { describe, expect, test } from 'vitest';
import { isTrineError } from '../../../src/errors/index.ts';
import { parseStoreUrl } from '../../../src/metadata/store/url.ts';

describe('parseStoreUrl', () => {
  test('sqlite file and postgres with and without a schema', () => {
    expect(parseStoreUrl('sqlite:data/m.sqlite')).toEqual({ backend: 'sqlite', file: 'data/m.sqlite' });
    expect(parseStoreUrl('postgres://postgres@127.0.0.1:5432/test?schema=meta_1')).toEqual({
      backend: 'postgres',
      connectionString: 'postgres://postgres@127.0.0.1:5432/test',
      schema: 'meta_1',
    });
    expect(parseStoreUrl('postgresql://h/db')).toMatchObject({ schema: 'public' });
  });

  test.each([
    '',
    'sqlite:',
    'mysql://h/db',
    'postgres://h/db?schema=Bad-Name',
    'postgres://h/db?schema=a;drop',
  ])('%j is refused with invalid-input naming --store', (url) => {
    let error: unknown;
    try {
      parseStoreUrl(url);
    } catch (e) {
      error = e;
    }
    expect(isTrineError(error, 'invalid-input')).toBe(true);
    expect((error as Error).message).toMatch(/--store/);
  });
});
