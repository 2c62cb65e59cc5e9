/** Typed arrays indexed by role id, grown (doubled) as larger ids arrive. */

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

export function withCapacity<T extends Typed>(array: T, index: number, fill?: number): T {
  if (index < array.length) return array;
  let length = Math.max(1024, array.length);
  while (length <= index) length *= 2;
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  if (fill !== undefined) grown.fill(fill, array.length);
  return grown;
}
