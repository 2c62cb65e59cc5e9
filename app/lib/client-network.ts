/**
 * The network a request comes from, as rate limits and "count once per visitor" see it: an
 * IPv4 address as it is, an IPv6 address cut to its /64 (one subscriber usually holds a whole
 * /64 and can pick any address in it, so a per-address key would give them unlimited budgets).
 * IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) are read as the IPv4 address they carry.
 */
import net from "node:net";

export function clientNetwork(address: string | undefined | null): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (net.isIPv4(address)) return address;
  if (!net.isIPv6(address)) return "unknown";
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] {
  const withoutZone = address.split("%")[0] ?? "";
  const [head, tail] = withoutZone.split("::");
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  let left = parse(head);
  let right = parse(tail);
  // A trailing embedded IPv4 (::1.2.3.4) is two groups.
  const fixIpv4 = (groups: string[]) => {
    const last = groups[groups.length - 1];
    if (last && net.isIPv4(last)) {
      const [a = 0, b = 0, c = 0, d = 0] = last.split(".").map(Number);
      return [...groups.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    }
    return groups;
  };
  if (tail === undefined) left = fixIpv4(left);
  else right = fixIpv4(right);
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, missing)).fill("0"), ...right];
  return groups.map((group) => parseInt(group || "0", 16).toString(16));
}
