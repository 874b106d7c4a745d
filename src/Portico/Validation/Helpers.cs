using System;
using System.Collections.Concurrent;
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
#if NET9_0_OR_GREATER
                    {
                        ReadOnlySpan<byte> rb = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(b);
                        if (rb.IndexOf((byte)'\\') < 0) return a.ValueEquals(rb.Slice(1, rb.Length - 2));
                    }
#endif
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
#if NET9_0_OR_GREATER
                            ReadOnlySpan<byte> name = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(p);
                            bool present = name.IndexOf((byte)'\\') < 0 ? b.TryGetProperty(name, out var other) : b.TryGetProperty(p.Name, out other);
#else
                            bool present = b.TryGetProperty(p.Name, out var other);
#endif
                            if (!present || !DeepEquals(p.Value, other)) return false;
                        }
                        return true;
                    }
            }
        }
    }
}
