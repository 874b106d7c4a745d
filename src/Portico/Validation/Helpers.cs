using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portico.Validation
{
    /// <summary>
    /// Compiles schema patterns. ECMA-262 is the dialect of <c>pattern</c>; .NET's <see cref="RegexOptions.ECMAScript"/> mode
    /// matches it for the common syntax (ASCII <c>\d</c>, <c>\w</c>, <c>\s</c>; octal and back-reference rules). Patterns that
    /// mode refuses (Unicode classes <c>\p{…}</c>, lookbehind, named groups) are compiled with .NET's own syntax instead, where
    /// <c>\d</c> and <c>\w</c> also match non-ASCII digits and letters. Patterns neither accepts are not checked (the
    /// generator reports them as PRT2101). Matches time out after one second, so a hostile value cannot hang the caller.
    /// </summary>
    public static class PatternCache
    {
        private static readonly ConcurrentDictionary<string, Regex?> s_cache = new ConcurrentDictionary<string, Regex?>(StringComparer.Ordinal);
        private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);

        /// <summary>The compiled pattern (shared), or <c>null</c> when .NET cannot compile it.</summary>
        public static Regex? Get(string pattern)
        {
            if (s_cache.TryGetValue(pattern, out var known)) return known;
            var regex = Compile(pattern);
            if (s_cache.Count < 10_000) s_cache[pattern] = regex;
            return regex;
        }

        /// <summary>Whether the pattern compiles, and in which mode (<c>ecmascript</c> or <c>dotnet</c>).</summary>
        public static string? Mode(string pattern)
        {
            try { _ = new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant); return "ecmascript"; } catch (ArgumentException) { }
            try { _ = new Regex(pattern, RegexOptions.CultureInvariant); return "dotnet"; } catch (ArgumentException) { }
            return null;
        }

        private static Regex? Compile(string pattern)
        {
            try { return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant, s_timeout); } catch (ArgumentException) { }
            try { return new Regex(pattern, RegexOptions.CultureInvariant, s_timeout); } catch (ArgumentException) { }
            return null;
        }
    }

    internal enum FormatKind
    {
        None,
        DateTime,
        Date,
        Uuid,
        Email,
        Uri,
        Ipv4,
        Ipv6,
        Int32,
        Int64,
        Byte,
    }

    /// <summary>The format checks: RFC 3339 date-time and date, uuid, email, uri, ipv4, ipv6, byte (base64), int32, int64.</summary>
    public static class Formats
    {
        internal static FormatKind KindOf(string? format) => format switch
        {
            "date-time" => FormatKind.DateTime,
            "date" => FormatKind.Date,
            "uuid" => FormatKind.Uuid,
            "email" => FormatKind.Email,
            "uri" => FormatKind.Uri,
            "ipv4" => FormatKind.Ipv4,
            "ipv6" => FormatKind.Ipv6,
            "int32" => FormatKind.Int32,
            "int64" => FormatKind.Int64,
            "byte" => FormatKind.Byte,
            _ => FormatKind.None,
        };

        internal static bool IsStringFormat(FormatKind k) => k != FormatKind.None && k != FormatKind.Int32 && k != FormatKind.Int64;

        /// <summary>Whether a string has the given format (unknown formats always pass).</summary>
        public static bool IsValid(string format, string value) => IsValid(KindOf(format), value);

        internal static bool IsValid(FormatKind kind, string s) => kind switch
        {
            FormatKind.DateTime => IsDateTime(s),
            FormatKind.Date => s.Length == 10 && IsFullDate(s, 0),
            FormatKind.Uuid => s.Length == 36 && Guid.TryParseExact(s, "D", out _),
            FormatKind.Email => IsEmail(s),
            FormatKind.Uri => HasScheme(s) && Uri.TryCreate(s, UriKind.Absolute, out _) && s.IndexOf(' ') < 0,
            FormatKind.Ipv4 => IsIpv4(s),
            FormatKind.Byte => IsBase64(s),
            FormatKind.Ipv6 => s.IndexOf(':') >= 0 && s.IndexOf('%') < 0 && IPAddress.TryParse(s, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
            _ => true,
        };

        // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (a bare path is not an absolute URI).
        private static bool HasScheme(string s)
        {
            if (s.Length < 2 || !IsAsciiLetter(s[0])) return false;
            for (int i = 1; i < s.Length; i++)
            {
                char c = s[i];
                if (c == ':') return true;
                if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
            }
            return false;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        /// <summary>RFC 3339 <c>date-time</c>: <c>2024-02-29T12:30:00.5Z</c>, offsets <c>+hh:mm</c>; seconds up to 60 (leap second).</summary>
        public static bool IsDateTime(string s)
        {
            if (s.Length < 20 || !IsFullDate(s, 0) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return false;
            if (!Two(s, 11, 23) || s[13] != ':' || !Two(s, 14, 59) || s[16] != ':' || !Two(s, 17, 60)) return false;
            int i = 19;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                int start = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9') i++;
                if (i == start) return false;
            }
            if (i == s.Length) return false;
            if ((s[i] == 'Z' || s[i] == 'z') && i == s.Length - 1) return true;
            if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length) return Two(s, i + 1, 23) && s[i + 3] == ':' && Two(s, i + 4, 59);
            return false;
        }

        private static bool IsFullDate(string s, int at)
        {
            if (s.Length < at + 10 || s[at + 4] != '-' || s[at + 7] != '-') return false;
            for (int i = 0; i < 10; i++)
            {
                if (i == 4 || i == 7) continue;
                if (s[at + i] < '0' || s[at + i] > '9') return false;
            }
            int year = (s[at] - '0') * 1000 + (s[at + 1] - '0') * 100 + (s[at + 2] - '0') * 10 + (s[at + 3] - '0');
            int month = (s[at + 5] - '0') * 10 + (s[at + 6] - '0');
            int day = (s[at + 8] - '0') * 10 + (s[at + 9] - '0');
            if (month < 1 || month > 12 || day < 1) return false;
            return year >= 1 ? day <= DateTime.DaysInMonth(year, month) : day <= (month == 2 ? 29 : 31);
        }

        private static bool Two(string s, int at, int max)
        {
            if (at + 2 > s.Length || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
            return (s[at] - '0') * 10 + (s[at + 1] - '0') <= max;
        }

        private static bool IsEmail(string s)
        {
            int at = s.LastIndexOf('@');
            if (at <= 0 || at == s.Length - 1 || s.IndexOf('@') != at) return false;
            foreach (char c in s)
            {
                if (c <= ' ' || c == '\u007f') return false;
            }
            string domain = s.Substring(at + 1);
            return domain[0] != '.' && domain[domain.Length - 1] != '.' && domain.IndexOf("..", StringComparison.Ordinal) < 0 && s[0] != '.' && s[at - 1] != '.';
        }

        /// <summary>OpenAPI <c>byte</c>: base64 (RFC 4648, standard alphabet, padded).</summary>
        public static bool IsBase64(string s)
        {
            if (s.Length % 4 != 0) return false;
            int padding = s.Length > 0 && s[s.Length - 1] == '=' ? (s.Length > 1 && s[s.Length - 2] == '=' ? 2 : 1) : 0;
            for (int i = 0; i < s.Length - padding; i++)
            {
                char c = s[i];
                if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '/') return false;
            }
            return true;
        }

        private static bool IsIpv4(string s)
        {
            var parts = s.Split('.');
            if (parts.Length != 4) return false;
            foreach (var p in parts)
            {
                if (p.Length == 0 || p.Length > 3 || (p.Length > 1 && p[0] == '0')) return false;
                foreach (char c in p) if (c < '0' || c > '9') return false;
                if (int.Parse(p, CultureInfo.InvariantCulture) > 255) return false;
            }
            return true;
        }

        /// <summary>The number of Unicode code points of a string (a surrogate pair counts once), as JSON Schema counts length.</summary>
        public static int CodePointLength(string s)
        {
            int n = s.Length;
            for (int i = 0; i + 1 < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1])) { n--; i++; }
            }
            return n;
        }
    }

    /// <summary>Number and equality helpers the validators share.</summary>
    public static class JsonValues
    {
        /// <summary>Whether a JSON number has no fractional part (<c>1.0</c> counts as an integer).</summary>
        public static bool IsInteger(JsonElement number)
        {
            if (number.TryGetInt64(out _)) return true;
            if (number.TryGetDecimal(out var d)) return decimal.Truncate(d) == d;
            double v = number.GetDouble();
            return !double.IsInfinity(v) && Math.Floor(v) == v;
        }

        /// <summary>Whether <paramref name="value"/> is an exact multiple of <paramref name="divisor"/> (decimal arithmetic, so 0.3 is a multiple of 0.1).</summary>
        public static bool IsMultipleOf(decimal value, decimal divisor) => divisor != 0 && value % divisor == 0;

        /// <summary>JSON equality: same type and value; numbers by value (<c>1 == 1.0</c>), objects regardless of property order.</summary>
        public static bool DeepEquals(JsonElement a, JsonElement b)
        {
            var ka = a.ValueKind;
            var kb = b.ValueKind;
            if (ka != kb) return false;
            switch (ka)
            {
                case JsonValueKind.Null:
                case JsonValueKind.True:
                case JsonValueKind.False:
                case JsonValueKind.Undefined:
                    return true;
                case JsonValueKind.Number:
                    if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db)) return da == db;
                    return a.GetDouble() == b.GetDouble();
                case JsonValueKind.String:
                    return a.ValueEquals(b.GetString());
                case JsonValueKind.Array:
                    {
                        if (a.GetArrayLength() != b.GetArrayLength()) return false;
                        var eb = b.EnumerateArray();
                        foreach (var x in a.EnumerateArray())
                        {
                            eb.MoveNext();
                            if (!DeepEquals(x, eb.Current)) return false;
                        }
                        return true;
                    }
                default:
                    {
                        int na = 0, nb = 0;
                        foreach (var _ in a.EnumerateObject()) na++;
                        foreach (var _ in b.EnumerateObject()) nb++;
                        if (na != nb) return false;
                        foreach (var p in a.EnumerateObject())
                        {
                            if (!b.TryGetProperty(p.Name, out var other) || !DeepEquals(p.Value, other)) return false;
                        }
                        return true;
                    }
            }
        }
    }
}
