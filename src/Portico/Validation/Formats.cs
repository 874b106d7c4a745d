using System;

namespace Portico.Validation
{
    internal enum FormatKind
    {
        None,
        DateTime,
        Date,
        Uuid,
        Email,
        Uri,
        Hostname,
        Ipv4,
        Ipv6,
        Int32,
        Int64,
        Byte,
    }

    /// <summary>
    /// The format checks: RFC 3339 <c>date-time</c> and <c>date</c>, <c>uuid</c>, <c>email</c>, RFC 3986 <c>uri</c>,
    /// RFC 1123 <c>hostname</c>, <c>ipv4</c>, <c>ipv6</c>, <c>byte</c> (base64), and the ranges of <c>int32</c> and
    /// <c>int64</c>. The checks read UTF-8 text in place (every one of these grammars is ASCII, so no decoding is needed)
    /// and allocate nothing; the <see cref="string"/> overloads encode their argument first.
    /// </summary>
    public static class Formats
    {
        internal static FormatKind KindOf(string? format) => format switch
        {
            "date-time" => FormatKind.DateTime,
            "date" => FormatKind.Date,
            "uuid" => FormatKind.Uuid,
            "email" => FormatKind.Email,
            "uri" => FormatKind.Uri,
            "hostname" => FormatKind.Hostname,
            "ipv4" => FormatKind.Ipv4,
            "ipv6" => FormatKind.Ipv6,
            "int32" => FormatKind.Int32,
            "int64" => FormatKind.Int64,
            "byte" => FormatKind.Byte,
            _ => FormatKind.None,
        };

        internal static bool IsStringFormat(FormatKind k) => k != FormatKind.None && k != FormatKind.Int32 && k != FormatKind.Int64;

        /// <summary>Whether a string has the given format (unknown formats always pass).</summary>
        public static bool IsValid(string format, string value) => IsValid(KindOf(format), Utf8(value));

        /// <summary>Whether UTF-8 text has the given format (unknown formats always pass).</summary>
        public static bool IsValid(string format, ReadOnlySpan<byte> utf8) => IsValid(KindOf(format), utf8);

        private static byte[] Utf8(string value) => System.Text.Encoding.UTF8.GetBytes(value ?? throw new ArgumentNullException(nameof(value)));

        internal static bool IsValid(FormatKind kind, ReadOnlySpan<byte> s) => kind switch
        {
            FormatKind.DateTime => IsDateTime(s),
            FormatKind.Date => s.Length == 10 && IsFullDate(s),
            FormatKind.Uuid => IsUuid(s),
            FormatKind.Email => IsEmail(s),
            FormatKind.Uri => IsUri(s),
            FormatKind.Hostname => IsHostname(s),
            FormatKind.Ipv4 => IsIpv4(s),
            FormatKind.Ipv6 => IsIpv6(s),
            FormatKind.Byte => IsBase64(s),
            _ => true,
        };

        /// <summary>RFC 3339 <c>date-time</c>: <c>2024-02-29T12:30:00.5Z</c>, offsets <c>+hh:mm</c>; second 60 only where it is 23:59:60 in UTC (a leap second).</summary>
        public static bool IsDateTime(string value) => IsDateTime(Utf8(value));

        private static bool IsDateTime(ReadOnlySpan<byte> s)
        {
            if (s.Length < 20 || !IsFullDate(s) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return false;
            if (!Two(s, 11, 23, out int hour) || s[13] != ':' || !Two(s, 14, 59, out int minute) || s[16] != ':' || !Two(s, 17, 60, out int second)) return false;
            int i = 19;
            if (s[i] == '.')
            {
                i++;
                int start = i;
                while (i < s.Length && IsDigit(s[i])) i++;
                if (i == start) return false;
            }
            if (i == s.Length) return false;
            int offsetMinutes;
            if ((s[i] == 'Z' || s[i] == 'z') && i == s.Length - 1)
            {
                offsetMinutes = 0;
            }
            else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length && Two(s, i + 1, 23, out int oh) && s[i + 3] == ':' && Two(s, i + 4, 59, out int om))
            {
                offsetMinutes = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
            }
            else
            {
                return false;
            }
            if (second == 60)
            {
                int utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440;
                if (utc != 23 * 60 + 59) return false;
            }
            return true;
        }

        private static bool IsFullDate(ReadOnlySpan<byte> s)
        {
            if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
            for (int i = 0; i < 10; i++)
            {
                if (i == 4 || i == 7) continue;
                if (!IsDigit(s[i])) return false;
            }
            int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
            int month = (s[5] - '0') * 10 + (s[6] - '0');
            int day = (s[8] - '0') * 10 + (s[9] - '0');
            if (month < 1 || month > 12 || day < 1) return false;
            return year >= 1 ? day <= DateTime.DaysInMonth(year, month) : day <= (month == 2 ? 29 : 31);
        }

        private static bool Two(ReadOnlySpan<byte> s, int at, int max, out int value)
        {
            value = 0;
            if (at + 2 > s.Length || !IsDigit(s[at]) || !IsDigit(s[at + 1])) return false;
            value = (s[at] - '0') * 10 + (s[at + 1] - '0');
            return value <= max;
        }

        private static bool IsUuid(ReadOnlySpan<byte> s)
        {
            if (s.Length != 36) return false;
            for (int i = 0; i < 36; i++)
            {
                if (i == 8 || i == 13 || i == 18 || i == 23)
                {
                    if (s[i] != '-') return false;
                }
                else if (!IsHex(s[i]))
                {
                    return false;
                }
            }
            return true;
        }

        private static bool IsEmail(ReadOnlySpan<byte> s)
        {
            int at = s.LastIndexOf((byte)'@');
            if (at <= 0 || at == s.Length - 1 || s.IndexOf((byte)'@') != at) return false;
            foreach (byte c in s)
            {
                if (c <= ' ' || c == '\u007f') return false;
            }
            var domain = s.Slice(at + 1);
            var local = s.Slice(0, at);
            return domain[0] != '.' && domain[domain.Length - 1] != '.' && !HasDoubleDot(domain) && local[0] != '.' && local[local.Length - 1] != '.' && !HasDoubleDot(local);
        }

        private static bool HasDoubleDot(ReadOnlySpan<byte> s)
        {
            for (int i = 1; i < s.Length; i++)
            {
                if (s[i] == '.' && s[i - 1] == '.') return true;
            }
            return false;
        }

        // RFC 3986 character classes (percent escapes are handled apart).
        private const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        private const string SubDelims = "!$&'()*+,;=";
        private static readonly AsciiSet s_regName = new AsciiSet(Unreserved + SubDelims);
        private static readonly AsciiSet s_userinfo = new AsciiSet(Unreserved + SubDelims + ":");
        private static readonly AsciiSet s_query = new AsciiSet(Unreserved + SubDelims + ":@/?");

        /// <summary>
        /// RFC 3986 <c>URI</c>: <c>scheme ":" hier-part [ "?" query ] [ "#" fragment ]</c>, ASCII only, every <c>%</c>
        /// followed by two hex digits; an authority's host is a registered name, an IPv4 address or a bracketed IPv6 /
        /// IPvFuture literal, and its port is digits. Runs of allowed characters are skipped with vectorized searches.
        /// </summary>
        private static bool IsUri(ReadOnlySpan<byte> s)
        {
            if (s.Length < 2 || !IsAsciiLetter(s[0])) return false;
            int i;
            // Nearly every URI in a payload starts "https://" or "http://": eight or seven bytes compared at once.
            if (s.Length >= 8 && System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s) == HttpsPrefix) i = 8;
            else if (s.Length >= 8 && System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s) << 8 == HttpPrefix << 8) i = 7;
            else
            {
                i = 1;
                while (i < s.Length && s[i] < 128 && s_schemeTable[s[i]]) i++;
                if (i == s.Length || s[i] != ':') return false;
                i++;
                if (i + 1 < s.Length && s[i] == '/' && s[i + 1] == '/') i += 2;
                else i = -i; // no authority
            }
            if (i > 0)
            {
                // The common host: registered-name characters, then perhaps ":" and a port; anything else takes the full grammar.
                int k = s_regName.Skip(s, i);
                if (k < s.Length && s[k] == ':')
                {
                    k++;
                    while (k < s.Length && IsDigit(s[k])) k++;
                }
                if (k < s.Length && s[k] != '/' && s[k] != '?' && s[k] != '#')
                {
                    int length = s.Slice(i).IndexOfAny((byte)'/', (byte)'?', (byte)'#');
                    k = length < 0 ? s.Length : i + length;
                    if (!IsAuthority(s.Slice(i, k - i))) return false;
                }
                i = k;
            }
            else
            {
                i = -i;
            }
            // path [ "?" query ] [ "#" fragment ]: the query's characters are the path's plus "?", and so are the fragment's,
            // so one run of query characters (and percent escapes) covers all three, and a second run the fragment.
            i = SkipEscaped(s, i, s_query);
            if (i >= 0 && i < s.Length && s[i] == '#') i = SkipEscaped(s, i + 1, s_query);
            return i == s.Length;
        }

        private const ulong HttpsPrefix = 0x2F2F3A7370747468; // "https://" read little-endian
        private const ulong HttpPrefix = 0x002F2F3A70747468; // "http://" in the low seven bytes

        private static readonly bool[] s_schemeTable = Table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-.");

        private static bool[] Table(string chars)
        {
            var table = new bool[128];
            foreach (char c in chars) table[c] = true;
            return table;
        }

        /// <summary>Skips characters of <paramref name="set"/> and percent escapes from <paramref name="i"/>; returns where the run ends, or -1 at a broken escape.</summary>
        private static int SkipEscaped(ReadOnlySpan<byte> s, int i, AsciiSet set)
        {
            while (true)
            {
                i = set.Skip(s, i);
                if (i == s.Length || s[i] != '%') return i;
                if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return -1;
                i += 3;
            }
        }

        // authority = [ userinfo "@" ] host [ ":" port ]
        private static bool IsAuthority(ReadOnlySpan<byte> a)
        {
            int at = a.IndexOf((byte)'@');
            if (at >= 0)
            {
                if (SkipEscaped(a.Slice(0, at), 0, s_userinfo) != at) return false;
                a = a.Slice(at + 1);
            }
            int portAt;
            if (a.Length > 0 && a[0] == '[')
            {
                int close = a.IndexOf((byte)']');
                if (close < 0) return false;
                var literal = a.Slice(1, close - 1);
                if (!IsIpv6(literal) && !IsIpvFuture(literal)) return false;
                if (close + 1 < a.Length && a[close + 1] != ':') return false;
                portAt = close + 1;
            }
            else
            {
                portAt = SkipEscaped(a, 0, s_regName);
                if (portAt < 0 || (portAt < a.Length && a[portAt] != ':')) return false;
            }
            for (int k = portAt + 1; k < a.Length; k++)
            {
                if (!IsDigit(a[k])) return false;
            }
            return true;
        }

        // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
        private static bool IsIpvFuture(ReadOnlySpan<byte> s)
        {
            if (s.Length < 4 || (s[0] != 'v' && s[0] != 'V')) return false;
            int i = 1;
            while (i < s.Length && IsHex(s[i])) i++;
            if (i == 1 || i >= s.Length - 1 || s[i] != '.') return false;
            return s_userinfo.Skip(s, i + 1) == s.Length;
        }

        /// <summary>RFC 1123 host name: dot-separated labels of 1–63 ASCII letters, digits and inner hyphens; 253 characters at most.</summary>
        private static bool IsHostname(ReadOnlySpan<byte> s)
        {
            if (s.Length == 0 || s.Length > 253) return false;
            int label = 0;
            for (int i = 0; i < s.Length; i++)
            {
                byte c = s[i];
                if (c == '.')
                {
                    if (label == 0 || s[i - 1] == '-') return false;
                    label = 0;
                    continue;
                }
                if (!IsAsciiLetter(c) && !IsDigit(c) && c != '-') return false;
                if (c == '-' && label == 0) return false;
                if (++label > 63) return false;
            }
            return label > 0 && s[s.Length - 1] != '-';
        }

        /// <summary>OpenAPI <c>byte</c>: base64 (RFC 4648, standard alphabet, padded).</summary>
        public static bool IsBase64(string value) => IsBase64(Utf8(value));

        private static bool IsBase64(ReadOnlySpan<byte> s)
        {
            if (s.Length % 4 != 0) return false;
            int padding = s.Length > 0 && s[s.Length - 1] == '=' ? (s.Length > 1 && s[s.Length - 2] == '=' ? 2 : 1) : 0;
            for (int i = 0; i < s.Length - padding; i++)
            {
                byte c = s[i];
                if (!IsAsciiLetter(c) && !IsDigit(c) && c != '+' && c != '/') return false;
            }
            return true;
        }

        // Dotted quad of decimal octets 0–255 without leading zeros.
        private static bool IsIpv4(ReadOnlySpan<byte> s)
        {
            int parts = 0;
            int i = 0;
            while (true)
            {
                int start = i;
                int value = 0;
                while (i < s.Length && IsDigit(s[i]) && i - start < 4)
                {
                    value = value * 10 + (s[i] - '0');
                    i++;
                }
                int length = i - start;
                if (length == 0 || length > 3 || value > 255 || (length > 1 && s[start] == '0')) return false;
                parts++;
                if (i == s.Length) return parts == 4;
                if (s[i] != '.' || parts == 4) return false;
                i++;
            }
        }

        // RFC 4291 text form: eight groups of 1–4 hex digits, one "::" for a run of zero groups, an IPv4 tail for the last
        // two; no zone, no prefix length, no brackets.
        private static bool IsIpv6(ReadOnlySpan<byte> s)
        {
            if (s.Length < 2) return false;
            int groups = 0;
            bool compressed = false;
            int i = 0;
            if (s[0] == ':')
            {
                if (s[1] != ':') return false;
                compressed = true;
                i = 2;
                if (i == s.Length) return true;
            }
            while (i < s.Length)
            {
                int start = i;
                while (i < s.Length && IsHex(s[i]) && i - start < 5) i++;
                int length = i - start;
                if (i < s.Length && s[i] == '.')
                {
                    // An IPv4 tail takes the place of two groups.
                    if (!IsIpv4(s.Slice(start))) return false;
                    groups += 2;
                    i = s.Length;
                    break;
                }
                if (length == 0 || length > 4) return false;
                groups++;
                if (i == s.Length) break;
                if (s[i] != ':') return false;
                i++;
                if (i < s.Length && s[i] == ':')
                {
                    if (compressed) return false;
                    compressed = true;
                    i++;
                    if (i == s.Length) break;
                }
                else if (i == s.Length)
                {
                    return false;
                }
            }
            return compressed ? groups <= 7 : groups == 8;
        }

        /// <summary>The number of Unicode code points of a string (a surrogate pair counts once), as JSON Schema counts length.</summary>
        public static int CodePointLength(string value) => CodePointLength((value ?? throw new ArgumentNullException(nameof(value))).AsSpan());

        internal static int CodePointLength(ReadOnlySpan<char> s)
        {
            int n = s.Length;
            for (int i = 0; i + 1 < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { n--; i++; }
            }
            return n;
        }

        /// <summary>The number of code points of UTF-8 text: every byte that does not continue a sequence starts one.</summary>
        internal static int CodePointLength(ReadOnlySpan<byte> utf8)
        {
            int n = 0;
            foreach (byte b in utf8)
            {
                if ((b & 0xC0) != 0x80) n++;
            }
            return n;
        }

        /// <summary>A set of ASCII characters, searched with <c>SearchValues</c> where the runtime has it.</summary>
        private sealed class AsciiSet
        {
#if NET8_0_OR_GREATER
            private readonly System.Buffers.SearchValues<byte> _values;
#else
            private readonly bool[] _table = new bool[128];
#endif

            public AsciiSet(string chars)
            {
#if NET8_0_OR_GREATER
                _values = System.Buffers.SearchValues.Create(System.Text.Encoding.ASCII.GetBytes(chars));
#else
                foreach (char c in chars) _table[c] = true;
#endif
            }

            /// <summary>The index of the first byte at or after <paramref name="i"/> outside the set, or the length (-1 stays -1).</summary>
            public int Skip(ReadOnlySpan<byte> s, int i)
            {
                if (i < 0 || i >= s.Length) return i;
#if NET8_0_OR_GREATER
                int k = s.Slice(i).IndexOfAnyExcept(_values);
                return k < 0 ? s.Length : i + k;
#else
                while (i < s.Length && s[i] < 128 && _table[s[i]]) i++;
                return i;
#endif
            }
        }

        private static bool IsDigit(byte c) => c >= '0' && c <= '9';

        private static bool IsHex(byte c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static bool IsAsciiLetter(byte c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
