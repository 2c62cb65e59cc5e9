/**
 * The bitmap type of the index: CRoaring through its Node binding (`roaring`). The package
 * is CommonJS, so its class is taken from the default export.
 */
import roaring from "roaring";
import type { ReadonlyRoaringBitmap32, RoaringBitmap32 as RoaringBitmap32Type } from "roaring";

export const Bitmap = roaring.RoaringBitmap32;
export type Bitmap = RoaringBitmap32Type;
export type ReadonlyBitmap = ReadonlyRoaringBitmap32;

/** Intersection of several bitmaps, smallest first (each step can only shrink the result). */
export function intersectAll(bitmaps: readonly ReadonlyBitmap[]): Bitmap {
  if (bitmaps.length === 0) throw new Error("intersectAll needs at least one bitmap");
  const sorted = [...bitmaps].sort((a, b) => a.size - b.size);
  let result = sorted[0]!.clone();
  for (let i = 1; i < sorted.length && result.size > 0; i++) result.andInPlace(sorted[i]!);
  return result;
}
