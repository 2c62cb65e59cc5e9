/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Tests and benchmarks live under tests/, never in app/routes; ignore stray test files anyway.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Tailwind v4 runs through PostCSS (postcss.config.js); Remix's own `tailwind: true`
  // only understands v3 and would silently emit no utilities.
  tailwind: false,
  postcss: true,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
