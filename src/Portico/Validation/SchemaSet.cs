using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
#if NET9_0_OR_GREATER
using System.Runtime.InteropServices;
#endif

namespace Portico.Validation
{
    /// <summary>
    /// Every schema of one API description, as generated rules (<see cref="SchemaNode"/>), and the interpreter that checks
    /// JSON against them without deserializing. On .NET 9 and later, valid input costs no allocation (a warm validator, a
    /// reused thread): strings are measured, matched and format-checked on the document's own UTF-8 bytes, decoded into a
    /// stack or pooled buffer when characters are needed. Earlier targets materialize a string value for
    /// <c>minLength</c>, <c>maxLength</c>, <c>pattern</c> and a string <c>format</c>.
    /// </summary>
    public sealed partial class SchemaSet
    {
        /// <summary>An <c>additionalProperties</c> that allows anything.</summary>
        public const int AnyValue = -1;

        /// <summary>An <c>additionalProperties: false</c>.</summary>
        public const int NoValue = -2;

        private const int MaxDepth = 256;
        private readonly SchemaNode[] _nodes;

        /// <summary>Takes the generated nodes (owned by the set from now on).</summary>
        public SchemaSet(SchemaNode[] nodes)
        {
            _nodes = nodes ?? throw new ArgumentNullException(nameof(nodes));
            foreach (var n in nodes) n?.Freeze();
        }

        /// <summary>The number of schemas.</summary>
        public int Count => _nodes.Length;

        /// <summary>The rules of one schema.</summary>
        public SchemaNode Node(int index) => _nodes[index];

        /// <summary>A validator for one schema.</summary>
        public SchemaValidator this[int index] => new SchemaValidator(this, index);

        /// <summary>Validates a value against schema <paramref name="index"/>, adding errors to <paramref name="collector"/>; returns whether it is valid.</summary>
        public bool Validate(int index, JsonElement value, ValidationCollector collector)
        {
            if (collector is null) throw new ArgumentNullException(nameof(collector));
            // Errors are placed (their pointers spelled) once the check is over; a validation under way takes them as they come.
            bool began = collector.BeginChain();
            try
            {
                return Check(index, value, collector, 0);
            }
            finally
            {
                if (began) collector.EndChain(default, keep: true);
            }
        }

        private bool Check(int index, JsonElement e, ValidationCollector c, int depth)
        {
            if (index < 0 || index >= _nodes.Length || _nodes[index] is not SchemaNode n) return true;
            if (depth > MaxDepth)
            {
                c.Report("$ref", "The schema nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels here (a reference cycle that consumes no input).");
                return false;
            }
            var kind = e.ValueKind;
            if (kind == JsonValueKind.Null && n.Nullable) return true;
            // Most schemas are a type plus the rules of that type: no composition, enum, const or direction.
            if (n.Simple) return TypeAllowed(n, kind, e, c) && CheckValue(n, kind, e, c, depth);
            bool ok = true;

            // Direction.
            if ((n.ReadOnly || n.WriteOnly) && !DirectionAllows(n, c.Direction, c))
            {
                ok = false;
                if (c.Suppressed) return false;
            }

            if (!TypeAllowed(n, kind, e, c)) return false;

            // enum, const
            if (n.EnumStrings is string[] strings)
            {
                bool found = false;
                if (kind == JsonValueKind.String)
                {
                    foreach (var utf8 in n.EnumUtf8!)
                    {
                        if (e.ValueEquals(utf8)) { found = true; break; }
                    }
                }
                if (!found)
                {
                    ok = false;
                    if (c.Report("enum", EnumError(n))) return false;
                }
            }
            else if (n.EnumJson is not null)
            {
                bool found = false;
                foreach (var v in n.EnumValues)
                {
                    if (JsonValues.DeepEquals(e, v)) { found = true; break; }
                }
                if (!found)
                {
                    ok = false;
                    if (c.Report("enum", EnumJsonError(n))) return false;
                }
            }
            if (n.ConstJson is not null && !JsonValues.DeepEquals(e, n.ConstValue))
            {
                ok = false;
                if (c.Report("const", ConstError(n))) return false;
            }

            if (!CheckValue(n, kind, e, c, depth)) { ok = false; if (c.Suppressed) return false; }

            // Composition.
            if (n.AllOf is int[] all)
            {
                foreach (int i in all)
                {
                    if (!Check(i, e, c, depth + 1)) { ok = false; if (c.Suppressed) return false; }
                }
            }
            bool dispatched = false;
            if (n.DiscriminatorProperty is string dp && kind == JsonValueKind.Object && (n.OneOf is not null || n.AnyOf is not null) && n.DiscriminatorCases is { Length: > 0 } cases)
            {
                dispatched = true;
                if (!e.TryGetProperty(dp, out var dv) || dv.ValueKind != JsonValueKind.String)
                {
                    ok = false;
                    if (c.Report("discriminator", DiscriminatorMissing(n))) return false;
                }
                else
                {
                    int target = -1;
                    foreach (var dc in cases)
                    {
                        if (dv.ValueEquals(dc.Value)) { target = dc.Schema; break; }
                    }
                    if (target < 0)
                    {
                        ok = false;
                        if (c.Report("discriminator", DiscriminatorUnknown(n))) return false;
                    }
                    else if (!Check(target, e, c, depth + 1))
                    {
                        ok = false;
                        if (c.Suppressed) return false;
                    }
                }
            }
            if (!dispatched && n.AnyOf is int[] any)
            {
                bool matched = false;
                foreach (int i in any)
                {
                    if (Try(i, e, c, depth)) { matched = true; break; }
                }
                if (!matched)
                {
                    ok = false;
                    if (c.Report("anyOf", AnyOfError(any.Length))) return false;
                }
            }
            if (!dispatched && n.OneOf is int[] one)
            {
                int matches = 0;
                foreach (int i in one)
                {
                    if (Try(i, e, c, depth) && ++matches > 1) break;
                }
                if (matches != 1)
                {
                    ok = false;
                    if (c.Report("oneOf", OneOfError(matches, one.Length))) return false;
                }
            }
            if (n.Not >= 0 && Try(n.Not, e, c, depth))
            {
                ok = false;
                if (c.Report("not", NotError)) return false;
            }
            return ok;
        }

        private bool Try(int index, JsonElement e, ValidationCollector c, int depth)
        {
            c.BeginSuppress();
            try
            {
                return Check(index, e, c, depth + 1);
            }
            finally
            {
                c.EndSuppress();
            }
        }

        /// <summary>
        /// Whether a scalar is valid against a schema of a type and that type's rules only, decided without a call into
        /// <see cref="Check"/> or a step of the error position; false means "not shown valid here" and sends the value
        /// through the full check, which then reports what is wrong. Most members of real payloads end here: plain
        /// strings, booleans, unconstrained numbers, and strings with only a format, only lengths or only a string enum.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private bool Quick(int index, JsonElement e)
        {
            if ((uint)index >= (uint)_nodes.Length || _nodes[index] is not SchemaNode n) return false;
#if NET9_0_OR_GREATER
            if (!n.QuickEligible && !n.QuickAnyOf) return false;
            // One look at the value's raw text tells its kind, and is the text the string rules read.
            ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(e);
            JsonTokenType token;
            switch (raw[0])
            {
                case (byte)'"': token = JsonTokenType.String; raw = raw.Slice(1, raw.Length - 2); break;
                case (byte)'t': token = JsonTokenType.True; break;
                case (byte)'f': token = JsonTokenType.False; break;
                case (byte)'n': token = JsonTokenType.Null; break;
                case (byte)'{' or (byte)'[': return false;
                default: token = JsonTokenType.Number; break;
            }
            return n.QuickEligible ? QuickScalar(n, token, raw) : QuickAny(n, token, raw);
#else
            var t = n.Type;
            if (!n.Simple || !n.QuickEligible) return false;
            switch (e.ValueKind)
            {
                case JsonValueKind.String:
                    return (t == JsonTypes.Any || (t & JsonTypes.String) != 0) && !n.NeedsString;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    return t == JsonTypes.Any || (t & JsonTypes.Boolean) != 0;
                case JsonValueKind.Null:
                    return n.Nullable || t == JsonTypes.Any || (t & JsonTypes.Null) != 0;
                case JsonValueKind.Number:
                    return !n.NeedsNumber && (t == JsonTypes.Any || (t & JsonTypes.Number) != 0);
                default:
                    return false;
            }
#endif
        }

        /// <summary>
        /// The in-place decision of <see cref="Quick"/> and <see cref="QuickToken"/> on a scalar of kind
        /// <paramref name="token"/> whose text is <paramref name="text"/> as written (a string's without its quotes,
        /// escapes not decoded), against a node that is <see cref="SchemaNode.QuickEligible"/>.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool QuickScalar(SchemaNode n, JsonTokenType token, ReadOnlySpan<byte> text)
        {
            var t = n.Type;
            switch (token)
            {
                case JsonTokenType.String:
                    if (t != JsonTypes.Any && (t & JsonTypes.String) == 0) return false;
                    // An escaped text that spells a value matches none here and is left to the full check.
                    if (n.EnumUtf8 is byte[][] values && !IsOneOf(values, text)) return false;
                    if (!n.NeedsString) return true;
                    // Only a format: no grammar but email's admits a backslash, so text that passes had no escape to decode.
                    if (n.FormatOnly) return Formats.IsValid(n.FormatKind, text);
                    // Only lengths: written text has at most 12 bytes per code point (an escaped surrogate pair).
                    return n.LengthOnly && n.LengthsSettledBy(text.Length, 12);
                case JsonTokenType.True:
                case JsonTokenType.False:
                    return n.Simple && (t == JsonTypes.Any || (t & JsonTypes.Boolean) != 0);
                case JsonTokenType.Null:
                    return n.Nullable || (n.Simple && (t == JsonTypes.Any || (t & JsonTypes.Null) != 0));
                case JsonTokenType.Number:
                    if (n.NeedsNumber || !n.Simple) return false;
                    if (t == JsonTypes.Any || (t & JsonTypes.Number) != 0) return true;
                    // A JSON number without fraction or exponent is an integer.
                    return (t & JsonTypes.Integer) != 0 && text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The in-place decision for a <see cref="SchemaNode.QuickAnyOf"/> node (an <c>anyOf</c> with no rule of its own for
        /// scalars, such as an ID string or the object it names): a scalar is valid when one quick branch shows it valid;
        /// anything else goes through the full check.
        /// </summary>
        private bool QuickAny(SchemaNode n, JsonTokenType token, ReadOnlySpan<byte> text)
        {
            if (token == JsonTokenType.Null && n.Nullable) return true;
            foreach (int b in n.AnyOf!)
            {
                if ((uint)b < (uint)_nodes.Length && _nodes[b] is SchemaNode m && m.QuickEligible && QuickScalar(m, token, text)) return true;
            }
            return false;
        }

        /// <summary>Whether unescaped UTF-8 text is one of the values (an escaped text that matches none is left to the full check).</summary>
        private static bool IsOneOf(byte[][] values, ReadOnlySpan<byte> text)
        {
            foreach (var v in values)
            {
                if (text.SequenceEqual(v)) return true;
            }
            return false;
        }

        /// <summary>Whether the value's JSON type is one the schema allows; reports <c>type</c> when it is not.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool TypeAllowed(SchemaNode n, JsonValueKind kind, JsonElement e, ValidationCollector c)
        {
            if (n.Type == JsonTypes.Any || TypeMatches(n.Type, kind, e)) return true;
            if (c.Recording) c.Add("type", TypeError(n, Kind(e)));
            return false;
        }

        /// <summary>The rules of the value's own kind: string, number, array or object.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private bool CheckValue(SchemaNode n, JsonValueKind kind, JsonElement e, ValidationCollector c, int depth) => kind switch
        {
            JsonValueKind.String => !n.NeedsString || CheckString(n, e, c),
            JsonValueKind.Number => !n.NeedsNumber || CheckNumber(n, e, c),
            JsonValueKind.Array => CheckArray(n, e, c, depth),
            JsonValueKind.Object => CheckObject(n, e, c, depth),
            _ => true,
        };

        private static bool TypeMatches(JsonTypes t, JsonValueKind kind, JsonElement e)
        {
            switch (kind)
            {
                case JsonValueKind.Null: return (t & JsonTypes.Null) != 0;
                case JsonValueKind.True:
                case JsonValueKind.False: return (t & JsonTypes.Boolean) != 0;
                case JsonValueKind.String: return (t & JsonTypes.String) != 0;
                case JsonValueKind.Array: return (t & JsonTypes.Array) != 0;
                case JsonValueKind.Object: return (t & JsonTypes.Object) != 0;
                case JsonValueKind.Number:
                    if ((t & JsonTypes.Number) != 0) return true;
                    return (t & JsonTypes.Integer) != 0 && JsonValues.IsInteger(e);
                default: return false;
            }
        }

        private static bool CheckString(SchemaNode n, JsonElement e, ValidationCollector c)
        {
#if NET9_0_OR_GREATER
            // The raw token, quotes included: measured and format-checked on its UTF-8 bytes, never turned into a string.
            ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(e);
            ReadOnlySpan<byte> text = raw.Slice(1, raw.Length - 2);
            // Only a format: no grammar but email's admits a backslash, so raw text that passes had no escape to decode.
            if (n.FormatOnly && Formats.IsValid(n.FormatKind, text)) return true;
            if (text.IndexOf((byte)'\\') < 0) return CheckText(n, text, c);
            var reader = new Utf8JsonReader(raw);
            reader.Read();
            return CheckStringToken(n, ref reader, c);
#else
            return CheckText(n, Encoding.UTF8.GetBytes(e.GetString()!), c);
#endif
        }

        /// <summary>The string rules on the string token a reader is on: its bytes as they are, or decoded into a stack or pooled buffer when escaped.</summary>
        private static bool CheckStringToken(SchemaNode n, ref Utf8JsonReader r, ValidationCollector c)
        {
            if (!r.ValueIsEscaped) return CheckText(n, r.ValueSpan, c);
            int length = r.ValueSpan.Length;
            byte[]? rented = null;
            Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
            try
            {
                return CheckText(n, buffer.Slice(0, r.CopyString(buffer)), c);
            }
            finally
            {
                if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            }
        }

        /// <summary>The string rules on the value's unescaped UTF-8 text.</summary>
        private static bool CheckText(SchemaNode n, ReadOnlySpan<byte> text, ValidationCollector c)
        {
            bool ok = true;
            // Unescaped UTF-8 has at most 4 bytes per code point: count only when the byte count cannot settle the bounds.
            if ((n.MinLength >= 0 || n.MaxLength >= 0) && !n.LengthsSettledBy(text.Length, 4)
                && !LengthAllowed(n, Formats.CodePointLength(text), c))
            {
                ok = false;
                if (c.Suppressed) return false;
            }
            if (n.Pattern is not null && n.Regex is { } regex && !Matches(regex, text))
            {
                ok = false;
                if (c.Report("pattern", "The string does not match the pattern " + n.Pattern + ".")) return false;
            }
            if (Formats.IsStringFormat(n.FormatKind) && !Formats.IsValid(n.FormatKind, text))
            {
                ok = false;
                if (c.Report("format", "The string is not a valid " + n.Format + ".")) return false;
            }
            return ok;
        }

        private static bool Matches(System.Text.RegularExpressions.Regex regex, ReadOnlySpan<byte> text)
        {
            try
            {
#if NET7_0_OR_GREATER
                char[]? rented = null;
                Span<char> chars = text.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
                try
                {
                    int count = Encoding.UTF8.GetChars(text, chars);
                    return regex.IsMatch(chars.Slice(0, count));
                }
                finally
                {
                    if (rented is not null) ArrayPool<char>.Shared.Return(rented);
                }
#else
                return regex.IsMatch(Encoding.UTF8.GetString(text.ToArray()));
#endif
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                return false;
            }
        }

        /// <summary>What the number rules need to know of a JSON number, read once from an element or a reader.</summary>
        private struct NumberFacts
        {
            public bool IsDecimal;
            public decimal Decimal;
            public double Double;
            public bool FitsFormat; // the int32/int64 range of the node's format, when it has one
            public bool IsInteger;
        }

        private static bool CheckNumber(SchemaNode n, JsonElement e, ValidationCollector c)
        {
            var f = new NumberFacts { IsDecimal = e.TryGetDecimal(out decimal d) };
            f.Decimal = d;
            f.Double = f.IsDecimal ? 0 : e.GetDouble();
            if (n.FormatKind == FormatKind.Int32 || n.FormatKind == FormatKind.Int64)
            {
                f.FitsFormat = n.FormatKind == FormatKind.Int32
                    ? e.TryGetInt32(out _) || (f.IsDecimal && d >= int.MinValue && d <= int.MaxValue)
                    : e.TryGetInt64(out _) || (f.IsDecimal && d >= long.MinValue && d <= long.MaxValue);
                f.IsInteger = f.FitsFormat || JsonValues.IsInteger(e);
            }
            return CheckNumber(n, in f, c);
        }

        private static bool CheckNumber(SchemaNode n, in NumberFacts f, ValidationCollector c)
        {
            bool ok = true;
            bool isDecimal = f.IsDecimal;
            decimal d = f.Decimal;
            double v = f.Double;
            int Compare(double? bound, decimal? boundDec, in NumberFacts f)
            {
                if (f.IsDecimal && boundDec is decimal bd) return f.Decimal.CompareTo(bd);
                double value = f.IsDecimal ? (double)f.Decimal : f.Double;
                return value.CompareTo(bound!.Value);
            }
            if (n.Minimum is double min)
            {
                int cmp = Compare(min, n.MinimumDec, in f);
                if (cmp < 0 || (cmp == 0 && n.MinimumExclusive))
                {
                    ok = false;
                    if (c.Report(n.MinimumExclusive ? "exclusiveMinimum" : "minimum", "The number must be " + (n.MinimumExclusive ? "greater than " : "at least ") + Num(min) + ".")) return false;
                }
            }
            if (n.Maximum is double max)
            {
                int cmp = Compare(max, n.MaximumDec, in f);
                if (cmp > 0 || (cmp == 0 && n.MaximumExclusive))
                {
                    ok = false;
                    if (c.Report(n.MaximumExclusive ? "exclusiveMaximum" : "maximum", "The number must be " + (n.MaximumExclusive ? "less than " : "at most ") + Num(max) + ".")) return false;
                }
            }
            if (n.ExclusiveMinimum is double xmin && Compare(xmin, n.ExclusiveMinimumDec, in f) <= 0)
            {
                ok = false;
                if (c.Report("exclusiveMinimum", "The number must be greater than " + Num(xmin) + ".")) return false;
            }
            if (n.ExclusiveMaximum is double xmax && Compare(xmax, n.ExclusiveMaximumDec, in f) >= 0)
            {
                ok = false;
                if (c.Report("exclusiveMaximum", "The number must be less than " + Num(xmax) + ".")) return false;
            }
            if (n.MultipleOf is double m && m > 0)
            {
                bool multiple;
                if (isDecimal && n.MultipleOfDec is decimal md && md != 0)
                {
                    multiple = JsonValues.IsMultipleOf(d, md);
                }
                else
                {
                    double q = (isDecimal ? (double)d : v) / m;
                    multiple = !double.IsInfinity(q) && !double.IsNaN(q) && Math.Abs(q - Math.Round(q)) < 1e-9;
                }
                if (!multiple)
                {
                    ok = false;
                    if (c.Report("multipleOf", "The number must be a multiple of " + Num(m) + ".")) return false;
                }
            }
            if ((n.FormatKind == FormatKind.Int32 || n.FormatKind == FormatKind.Int64) && !f.FitsFormat && f.IsInteger)
            {
                ok = false;
                if (c.Report("format", "The integer is out of the " + n.Format + " range.")) return false;
            }
            return ok;
        }

        private bool CheckArray(SchemaNode n, JsonElement e, ValidationCollector c, int depth)
        {
            bool ok = true;
            if ((n.MinItems >= 0 || n.MaxItems >= 0) && !ItemCountAllowed(n, e.GetArrayLength(), c))
            {
                ok = false;
                if (c.Suppressed) return false;
            }
            if (n.Items >= 0)
            {
                int i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    if (Quick(n.Items, item)) { i++; continue; }
                    int since = c.PendingCount;
                    if (!Check(n.Items, item, c, depth + 1))
                    {
                        ok = false;
                        if (c.Suppressed) return false;
                        c.UnderItem(since, i);
                    }
                    i++;
                }
            }
            if (n.UniqueItems)
            {
                int i = 0;
                foreach (var a in e.EnumerateArray())
                {
                    int j = 0;
                    foreach (var b in e.EnumerateArray())
                    {
                        if (j >= i) break;
                        if (JsonValues.DeepEquals(a, b))
                        {
                            ok = false;
                            if (c.Report("uniqueItems", UniqueError(j, i))) return false;
                            break;
                        }
                        j++;
                    }
                    i++;
                }
            }
            return ok;
        }

        private bool CheckObject(SchemaNode n, JsonElement e, ValidationCollector c, int depth)
        {
            bool ok = true;
            var props = n.Properties;
            int count = 0;
            // Which declared properties are present, so that required ones need no second search of the object.
            Span<ulong> seen = props is null ? default : props.Length <= 4096 ? stackalloc ulong[(props.Length + 63) >> 6] : new ulong[(props.Length + 63) >> 6];
            seen.Clear();
            if (props is not null || n.AdditionalProperties != AnyValue || n.MinProperties >= 0 || n.MaxProperties >= 0)
            {
                int previous = props is null ? 0 : props.Length; // "before the first member"
                foreach (var p in e.EnumerateObject())
                {
                    count++;
                    int schema = n.AdditionalProperties;
                    bool declared = false;
                    if (props is { Length: > 0 })
                    {
                        int found = Find(n, props, p, previous);
                        if (found >= 0)
                        {
                            schema = props[found].Schema;
                            declared = true;
                            seen[found >> 6] |= 1UL << found;
                            previous = found;
                        }
                    }
                    if (!declared && schema == NoValue)
                    {
                        ok = false;
                        if (c.Suppressed) return false;
                        int mark = c.PendingCount;
                        c.Add("additionalProperties", AdditionalError);
                        c.UnderMember(mark, p);
                        continue;
                    }
                    if (schema < 0) continue;
                    var value = p.Value;
                    if (Quick(schema, value)) continue;
                    int since = c.PendingCount;
                    if (!Check(schema, value, c, depth + 1))
                    {
                        ok = false;
                        if (c.Suppressed) return false;
                        c.UnderMember(since, p);
                    }
                }
            }
            if (!PropertyCountAllowed(n, count, c))
            {
                ok = false;
                if (c.Suppressed) return false;
            }
            // Every required name a declared property: one look at the bits tells whether all were met.
            if (n.RequiredUtf8 is byte[][] required && !(n.RequiredBits is ulong[] bits && props is not null && AllSet(seen, bits)))
            {
                var requiredProperty = n.RequiredProperty!;
                for (int i = 0; i < required.Length; i++)
                {
                    int p = requiredProperty[i];
                    bool present = props is not null && p >= 0 ? (seen[p >> 6] & (1UL << p)) != 0 : e.TryGetProperty(required[i], out _);
                    if (present) continue;
                    if (c.Direction != ValidationDirection.None && ExemptByDirection(n, requiredProperty[i], c.Direction)) continue;
                    ok = false;
                    if (c.Report("required", RequiredError(n, i))) return false;
                }
            }
            return ok;
        }

        /// <summary>Whether every bit of <paramref name="bits"/> is set in <paramref name="seen"/>.</summary>
        private static bool AllSet(ReadOnlySpan<ulong> seen, ulong[] bits)
        {
            for (int w = 0; w < bits.Length; w++)
            {
                if ((seen[w] & bits[w]) != bits[w]) return false;
            }
            return true;
        }

        /// <summary>
        /// The index of the declared property a member names, or -1. Payloads of one API keep one member order, so the
        /// node remembers which property followed <paramref name="previous"/> last time (schema order at first) and
        /// tries that one before its hash table of names. The hint is a guess, updated without locking: any value
        /// in range is correct to hold.
        /// </summary>
        private static int Find(SchemaNode n, SchemaProperty[] props, JsonProperty p, int previous)
        {
            int[] next = n.NextHint!;
            int guess = next[previous];
#if NET9_0_OR_GREATER
            ReadOnlySpan<byte> name = JsonMarshal.GetRawUtf8PropertyName(p);
            if (name.SequenceEqual(props[guess].Utf8Name)) return guess;
            int found = n.FindProperty(name);
            if (found >= 0)
            {
                next[previous] = found;
                return found;
            }
            // A raw name with an escape sequence may still spell a declared one.
            if (name.IndexOf((byte)'\\') < 0) return -1;
#endif
            for (int k = 0; k < props.Length; k++)
            {
                int j = guess + k;
                if (j >= props.Length) j -= props.Length;
                if (p.NameEquals(props[j].Utf8Name)) return j;
            }
            return -1;
        }

        /// <summary>Whether the declared property at <paramref name="property"/> (-1: none) is read-only in a request or write-only in a response, so not required there.</summary>
        private bool ExemptByDirection(SchemaNode n, int property, ValidationDirection direction)
        {
            if (property < 0) return false;
            int schema = n.Properties![property].Schema;
            if (schema < 0 || schema >= _nodes.Length || _nodes[schema] is not SchemaNode target) return false;
            return direction == ValidationDirection.Request ? target.ReadOnly : target.WriteOnly;
        }

        private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

        private static string List(string[] values)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < values.Length && i < 10; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append('\'').Append(values[i]).Append('\'');
            }
            if (values.Length > 10) sb.Append(", …");
            return sb.ToString();
        }

        private static string List(DiscriminatorCase[] cases)
        {
            var names = new string[cases.Length];
            for (int i = 0; i < cases.Length; i++) names[i] = cases[i].Value;
            return List(names);
        }

        /// <summary>What the value is, as <see cref="s_found"/> numbers it.</summary>
        private static int Kind(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Null => 0,
            JsonValueKind.True or JsonValueKind.False => 1,
            JsonValueKind.Number => JsonValues.IsInteger(e) ? 2 : 3,
            JsonValueKind.String => 4,
            JsonValueKind.Array => 5,
            JsonValueKind.Object => 6,
            _ => 7,
        };

        // The spelled-out type sets, built on first use (JsonTypes has seven flags); a race builds an equal string twice.
        private static readonly string?[] s_typeNames = new string?[128];

        private static string TypeNames(JsonTypes t) => (int)t is >= 0 and < 128 ? s_typeNames[(int)t] ??= SpellTypes(t) : SpellTypes(t);

        private static string SpellTypes(JsonTypes t)
        {
            var parts = new List<string>();
            if ((t & JsonTypes.Object) != 0) parts.Add("object");
            if ((t & JsonTypes.Array) != 0) parts.Add("array");
            if ((t & JsonTypes.String) != 0) parts.Add("string");
            if ((t & JsonTypes.Number) != 0) parts.Add("number");
            else if ((t & JsonTypes.Integer) != 0) parts.Add("integer");
            if ((t & JsonTypes.Boolean) != 0) parts.Add("boolean");
            if ((t & JsonTypes.Null) != 0) parts.Add("null");
            return string.Join(" or ", parts);
        }
    }

    /// <summary>
    /// Gathers every error of one validation (not just the first), each with the JSON Pointer of its value: under the
    /// <see cref="Prefix"/> and the members a check of one's own has <see cref="Push"/>ed, then the steps the schema's
    /// checks add as they return from a failing member or item. Reusable: <see cref="Reset"/> clears it, so a warm
    /// collector validates valid input without allocating.
    /// </summary>
    public sealed class ValidationCollector
    {
        private readonly List<ValidationError> _errors = new List<ValidationError>();
        private string?[] _names = new string?[4]; // the members pushed by checks of one's own
        private int _depth;
        private int _suppress;
        private StringBuilder? _pointer;

        /// <summary>Which of <c>readOnly</c>/<c>writeOnly</c> is out of place.</summary>
        public ValidationDirection Direction { get; set; }

        /// <summary>Text put before every error path (<c>query/limit</c> for a parameter, <c>body</c> for a body); empty by default.</summary>
        public string Prefix { get; set; } = string.Empty;

        /// <summary>At most this many errors are kept (default 1000); validation still answers valid or not.</summary>
        public int MaxErrors { get; set; } = 1000;

        /// <summary>The errors so far.</summary>
        public IReadOnlyList<ValidationError> Errors => _errors;

        /// <summary>Whether any error was found.</summary>
        public bool HasErrors => _errors.Count > 0;

        /// <summary>Clears errors and position for another validation.</summary>
        public void Reset()
        {
            _errors.Clear();
            ClearChain();
            _chaining = false;
            _depth = 0;
            _suppress = 0;
            Prefix = string.Empty;
            Direction = ValidationDirection.None;
        }

        /// <summary>The errors as a result (a copy), or <see cref="ValidationResult.Success"/>.</summary>
        public ValidationResult ToResult() => _errors.Count == 0 ? ValidationResult.Success : new ValidationResult(_errors.ToArray());

        /// <summary>Adds an error at the current position (for checks of one's own).</summary>
        public void Add(string keyword, string message)
        {
            if (_suppress > 0 || _errors.Count + _pendingCount >= MaxErrors) return;
            if (_chaining)
            {
                if (_pendingCount == _pending.Length) Array.Resize(ref _pending, Math.Max(8, _pending.Length * 2));
                _pending[_pendingCount++] = new Pending { Keyword = keyword, Message = message, Head = -1 };
                return;
            }
            _errors.Add(new ValidationError(Pointer(), keyword, message));
        }

        // While a schema validates a value, an error is kept without its position: each member or item that holds it
        // prepends its own step as the check returns through it (a chain of steps per error, outermost first), and the
        // pointers are spelled when the validation ends. Descending costs nothing; only errors pay.
        private bool _chaining;
        private int _chainSuppress;
        private Pending[] _pending = Array.Empty<Pending>();
        private int _pendingCount;
        private Step[] _chain = Array.Empty<Step>();
        private int _chainCount;
        private readonly List<JsonProperty> _members = new List<JsonProperty>();

        private struct Pending
        {
            public string Keyword;
            public string Message;
            public int Head; // the first step of the chain, -1 for the value itself
        }

        private struct Step
        {
            public int Value; // an item's index, a member name's offset in the text, or an index into _members
            public byte Kind; // 0 item, 1 member of the text, 2 member of a document
            public int Next;
        }

        /// <summary>The number of errors recorded so far in this validation (a mark for <see cref="Under"/>).</summary>
        internal int PendingCount => _pendingCount;

        /// <summary>Starts a validation whose errors are placed as its checks return; false when one is under way already (it goes on).</summary>
        internal bool BeginChain()
        {
            if (_chaining) return false;
            _chaining = true;
            _chainSuppress = _suppress;
            _pendingCount = 0;
            _chainCount = 0;
            return true;
        }

        /// <summary>The errors recorded since <paramref name="mark"/> lie under the item at <paramref name="index"/>.</summary>
        internal void UnderItem(int mark, int index) => Under(mark, index, 0);

        /// <summary>The errors recorded since <paramref name="mark"/> lie under the member whose name's opening quote is at <paramref name="offset"/> in the text.</summary>
        internal void UnderName(int mark, int offset) => Under(mark, offset, 1);

        /// <summary>The errors recorded since <paramref name="mark"/> lie under a member of the document.</summary>
        internal void UnderMember(int mark, JsonProperty member)
        {
            if (mark >= _pendingCount) return;
            _members.Add(member);
            Under(mark, _members.Count - 1, 2);
        }

        private void Under(int mark, int value, byte kind)
        {
            for (int i = mark; i < _pendingCount; i++)
            {
                if (_chainCount == _chain.Length) Array.Resize(ref _chain, Math.Max(16, _chain.Length * 2));
                _chain[_chainCount] = new Step { Value = value, Kind = kind, Next = _pending[i].Head };
                _pending[i].Head = _chainCount++;
            }
        }

        /// <summary>Moves the errors recorded since <paramref name="from"/> to <paramref name="to"/>, ahead of those recorded in between.</summary>
        internal void MoveUp(int from, int to)
        {
            if (from <= to || from >= _pendingCount) return;
            var moved = new Pending[_pendingCount - from];
            Array.Copy(_pending, from, moved, 0, moved.Length);
            Array.Copy(_pending, to, _pending, to + moved.Length, from - to);
            Array.Copy(moved, 0, _pending, to, moved.Length);
        }

        /// <summary>
        /// Ends the validation: with <paramref name="keep"/>, its errors become <see cref="Errors"/>, their pointers spelled
        /// (names of members of the text from <paramref name="text"/>); without it (the text goes to the document-based
        /// validator), they are dropped.
        /// </summary>
        internal void EndChain(ReadOnlySpan<byte> text, bool keep)
        {
            _chaining = false;
            _suppress = _chainSuppress;
            if (keep && _pendingCount > 0)
            {
                string outer = Pointer();
                var sb = _pointer!;
                for (int i = 0; i < _pendingCount; i++)
                {
                    sb.Clear().Append(outer);
                    for (int k = _pending[i].Head; k >= 0; k = _chain[k].Next)
                    {
                        sb.Append('/');
                        var step = _chain[k];
                        if (step.Kind == 0) sb.Append(step.Value.ToString(CultureInfo.InvariantCulture));
                        else if (step.Kind == 1) AppendName(sb, text.Slice(step.Value));
                        else AppendName(sb, _members[step.Value]);
                    }
                    _errors.Add(new ValidationError(sb.ToString(), _pending[i].Keyword, _pending[i].Message));
                }
            }
            ClearChain();
        }

        private void ClearChain()
        {
            Array.Clear(_pending, 0, _pendingCount);
            _pendingCount = 0;
            _chainCount = 0;
            _members.Clear();
        }

        /// <summary>Appends, as a pointer token, the member name whose opening quote starts <paramref name="text"/>.</summary>
        private static void AppendName(StringBuilder sb, ReadOnlySpan<byte> text)
        {
            // The name as written runs to the next quote (a backslash before it means an escape to decode).
            ReadOnlySpan<byte> rest = text.Slice(1);
            int end = rest.IndexOfAny((byte)'"', (byte)'\\');
            if (end >= 0 && rest[end] == (byte)'"' && TryAppendPlain(sb, rest.Slice(0, end))) return;
            var reader = new Utf8JsonReader(text);
            reader.Read();
            sb.Append(Escape(reader.GetString() ?? string.Empty));
        }

        internal bool Recording => _suppress == 0;

        internal bool Suppressed => _suppress > 0;

        /// <summary>Records a failure; returns true when evaluation may stop (inside anyOf/oneOf/not, where only the verdict counts).</summary>
        internal bool Report(string keyword, string message)
        {
            if (_suppress > 0) return true;
            Add(keyword, message);
            return false;
        }

        internal void BeginSuppress() => _suppress++;

        internal void EndSuppress() => _suppress--;

        /// <summary>Descends into a named member (for checks of one's own).</summary>
        public void Push(string name)
        {
            if (_depth == _names.Length) Array.Resize(ref _names, _names.Length * 2);
            _names[_depth++] = name;
        }

        /// <summary>Leaves the innermost member.</summary>
        public void Pop() => _depth--;

        private string Pointer()
        {
            var sb = _pointer ??= new StringBuilder(64);
            sb.Clear().Append(Prefix);
            for (int i = 0; i < _depth; i++) sb.Append('/').Append(Escape(_names[i] ?? string.Empty));
            return sb.ToString();
        }

        private static string Escape(string name) => name.IndexOfAny(s_pointerSpecials) < 0 ? name : name.Replace("~", "~0").Replace("/", "~1");

        private static readonly char[] s_pointerSpecials = { '~', '/' };

        /// <summary>Appends a member's name as a pointer token: straight from its UTF-8 bytes when it has no escape, '~' or '/'.</summary>
        private static void AppendName(StringBuilder sb, JsonProperty p)
        {
#if NET9_0_OR_GREATER
            if (TryAppendPlain(sb, System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(p))) return;
#endif
            sb.Append(Escape(p.Name));
        }

        /// <summary>Appends a name's raw UTF-8 as it is, when it is short and holds no escape, '~' or '/' (else false: it must be decoded or escaped).</summary>
        private static bool TryAppendPlain(StringBuilder sb, ReadOnlySpan<byte> raw)
        {
#if NET9_0_OR_GREATER
            if (raw.Length > 128 || raw.IndexOfAny((byte)'\\', (byte)'~', (byte)'/') >= 0) return false;
            Span<char> chars = stackalloc char[128];
            sb.Append(chars.Slice(0, Encoding.UTF8.GetChars(raw, chars)));
            return true;
#else
            return false;
#endif
        }
    }

    /// <summary>Checks values against one schema of a <see cref="SchemaSet"/>.</summary>
    public readonly struct SchemaValidator
    {
        [ThreadStatic] private static ValidationCollector? t_collector;

        /// <summary>Binds a schema of a set.</summary>
        public SchemaValidator(SchemaSet set, int index)
        {
            Set = set ?? throw new ArgumentNullException(nameof(set));
            Index = index;
        }

        /// <summary>The set.</summary>
        public SchemaSet Set { get; }

        /// <summary>The schema's index in the set.</summary>
        public int Index { get; }

        /// <summary>Validates a JSON value; every error is returned. Valid input returns the shared <see cref="ValidationResult.Success"/> without allocating.</summary>
        public ValidationResult Validate(JsonElement value, ValidationDirection direction = ValidationDirection.None)
        {
            var c = Rent(direction);
            try
            {
                return Set.Validate(Index, value, c) && !c.HasErrors ? ValidationResult.Success : c.ToResult();
            }
            finally
            {
                Return(c);
            }
        }

        /// <summary>The thread's collector (a new one when it is in use), cleared for one validation.</summary>
        private static ValidationCollector Rent(ValidationDirection direction)
        {
            var c = t_collector ?? new ValidationCollector();
            t_collector = null;
            c.Reset();
            c.Direction = direction;
            return c;
        }

        private static void Return(ValidationCollector c)
        {
            c.Reset();
            t_collector = c;
        }

        /// <summary>Validates into a collector of one's own (errors are added under its <see cref="ValidationCollector.Prefix"/>).</summary>
        public bool Validate(JsonElement value, ValidationCollector collector) => Set.Validate(Index, value, collector);

        /// <summary>Whether a JSON value is valid.</summary>
        public bool IsValid(JsonElement value, ValidationDirection direction = ValidationDirection.None) => Validate(value, direction).IsValid;

        /// <summary>Whether UTF-8 JSON text is valid (one reader pass; see <see cref="SchemaSet.IsValid(int, ReadOnlySpan{byte}, ValidationDirection)"/>).</summary>
        public bool IsValid(ReadOnlySpan<byte> utf8Json, ValidationDirection direction = ValidationDirection.None)
            => Set.IsValid(Index, utf8Json, direction) || Validate(utf8Json.ToArray(), direction).IsValid;

        /// <summary>
        /// Validates UTF-8 JSON text: one reader pass, without building a document, decides and lists every error (valid
        /// text allocates nothing). Text that is not JSON is one error with keyword <c>json</c>.
        /// </summary>
        public ValidationResult Validate(ReadOnlyMemory<byte> utf8Json, ValidationDirection direction = ValidationDirection.None)
        {
            var c = Rent(direction);
            try
            {
                return Set.Validate(Index, utf8Json, c) && !c.HasErrors ? ValidationResult.Success : c.ToResult();
            }
            finally
            {
                Return(c);
            }
        }

        /// <summary>Validates UTF-8 JSON text into a collector of one's own (see <see cref="SchemaSet.Validate(int, ReadOnlyMemory{byte}, ValidationCollector, string)"/>).</summary>
        public bool Validate(ReadOnlyMemory<byte> utf8Json, ValidationCollector collector, string subject = "text") => Set.Validate(Index, utf8Json, collector, subject);

        /// <summary>Validates a typed value: it is serialized with <paramref name="typeInfo"/> (the generated JSON context) and the JSON is checked, so what is validated is exactly what would be sent.</summary>
        public ValidationResult ValidateValue<T>(T value, JsonTypeInfo<T> typeInfo, ValidationDirection direction = ValidationDirection.None)
            => Validate(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), direction);
    }
}
