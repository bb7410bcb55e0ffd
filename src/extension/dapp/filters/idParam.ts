/** A filter or subscription id as this wallet hands them out (0x and 1 … 64 hex digits). */
import * as v from 'valibot';

export const watchIdParam = v.pipe(
  v.string(),
  v.regex(/^0x[0-9a-fA-F]{1,64}$/, 'expected a 0x-hex filter id'),
  v.transform((id) => id.toLowerCase()),
);
