package org.diego.core.model;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parsing of IP literals for egress rule destinations, like Go's net.ParseIP/ParseCIDR: never a
 * name lookup, IPv4 without leading zeros, IPv6 without a zone.
 */
final class IpAddresses {
    private static final Pattern V4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpAddresses() {
    }

    /** An address, a CIDR block or a range {@code first-last} with first <= last. */
    static boolean isDestination(String d) {
        int slash = d.indexOf('/');
        int dash = d.indexOf('-');
        if (slash < 0 && dash < 0) {
            return parse(d) != null;
        }
        if (slash >= 0 && (dash < 0 || slash < dash)) {
            return isCidr(d.substring(0, slash), d.substring(slash + 1));
        }
        byte[] first = parse(d.substring(0, dash));
        byte[] last = parse(d.substring(dash + 1));
        return first != null && last != null && java.util.Arrays.compareUnsigned(first, last) <= 0;
    }

    private static boolean isCidr(String ip, String bits) {
        if (!bits.matches("[0-9]{1,3}")) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (V4.matcher(ip).matches()) {
            return parse(ip) != null && prefix <= 32;
        }
        return ip.contains(":") && parse(ip) != null && prefix <= 128;
    }

    /** The 16-byte form (IPv4 mapped into IPv6, as Go holds it), or null when not a literal. */
    static byte[] parse(String s) {
        if (V4.matcher(s).matches()) {
            byte[] out = new byte[16];
            out[10] = (byte) 0xff;
            out[11] = (byte) 0xff;
            String[] parts = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                out[12 + i] = (byte) octet;
            }
            return out;
        }
        if (!s.contains(":") || !V6_CHARS.matcher(s).matches()) {
            return null;
        }
        try {
            // Only a literal reaches here (hex digits, colons, dots), so this never resolves a name.
            byte[] raw = InetAddress.getByName("[" + s + "]").getAddress();
            if (raw.length == 16) {
                return raw;
            }
            byte[] out = new byte[16];
            out[10] = (byte) 0xff;
            out[11] = (byte) 0xff;
            System.arraycopy(raw, 0, out, 12, 4);
            return out;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
