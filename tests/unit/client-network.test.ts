import { describe, expect, it } from "vitest";
import { clientNetwork } from "~/lib/client-network";

describe("clientNetwork", () => {
  it("keeps an IPv4 address whole", () => {
    expect(clientNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(clientNetwork("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("cuts an IPv6 address to its /64, however it is written", () => {
    const network = "2001:db8:85a3:8d3::/64";
    expect(clientNetwork("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe(network);
    expect(clientNetwork("2001:0db8:85a3:08d3::1")).toBe(network);
    expect(clientNetwork("2001:DB8:85A3:8D3:ffff:ffff:ffff:ffff")).toBe(network);
    expect(clientNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
    expect(clientNetwork("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("tells different /64s apart", () => {
    expect(clientNetwork("2001:db8:0:1::1")).not.toBe(clientNetwork("2001:db8:0:2::1"));
  });

  it("gives one key to anything that is not an address", () => {
    expect(clientNetwork(undefined)).toBe("unknown");
    expect(clientNetwork("not an ip")).toBe("unknown");
  });
});
