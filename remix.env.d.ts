/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Without this export the declaration below would replace Remix's module types instead of
// extending them (see shared/STACK.md).
export {};

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
