/**
 * One switch between the quick runs of the reliability tests (`npm test`, every landing) and
 * their long runs (`npm run test:stress`, whose figures the README quotes).
 */
export const STRESS = process.env.STRESS === "1";

/** The quick figure normally, the long one under `npm run test:stress`. */
export function scaled<T>(quick: T, stress: T): T {
  return STRESS ? stress : quick;
}
