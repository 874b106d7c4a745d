using System;
using System.Text.Json;

namespace Portico.Validation
{
    public sealed partial class SchemaSet
    {
        /// <summary>Answers the rules' questions without recording anything: every failure just ends the check.</summary>
        private static readonly ValidationCollector s_verdictOnly = CreateVerdictOnly();

        private static ValidationCollector CreateVerdictOnly()
        {
            var c = new ValidationCollector();
            c.BeginSuppress();
            return c;
        }

        /// <summary>
        /// Whether UTF-8 JSON text is valid against schema <paramref name="index"/>, read once with a
        /// <see cref="Utf8JsonReader"/>: no document is built and nothing is allocated. <c>false</c> means "not shown valid":
        /// the text is invalid, is not JSON, or uses a rule this pass leaves to the document-based validator (an
        /// <c>enum</c> or <c>const</c> that is not all strings, <c>uniqueItems</c> over objects or arrays). Callers that need
        /// the errors then run <see cref="Validate(int, JsonElement, ValidationCollector)"/>, which decides for good.
        /// </summary>
        public bool IsValid(int index, ReadOnlySpan<byte> utf8Json, ValidationDirection direction = ValidationDirection.None)
        {
            var reader = new Utf8JsonReader(utf8Json);
            try
            {
                if (!reader.Read()) return false;
                var source = new Source(utf8Json, direction);
                if (!Scan(index, ref reader, ref source, 0)) return false;
                // Nothing but white space may follow the value.
                return !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>The text being read and the direction, passed down the recursion together.</summary>
        private readonly ref struct Source
        {
            public Source(ReadOnlySpan<byte> text, ValidationDirection direction)
            {
                Text = text;
                Direction = direction;
            }

            public ReadOnlySpan<byte> Text { get; }

            public ValidationDirection Direction { get; }
        }

        /// <summary>Checks the value whose first token the reader is on, leaving the reader on its last token.</summary>
        private bool Scan(int index, ref Utf8JsonReader r, ref Source s, int depth)
        {
            if (index < 0 || index >= _nodes.Length || _nodes[index] is not SchemaNode n)
            {
                r.Skip();
                return true;
            }
            if (depth > MaxDepth) return false;
            var token = r.TokenType;
            if (token == JsonTokenType.Null && n.Nullable) return true;
            if (n.Simple) return StreamType(n.Type, ref r) && StreamValue(n, ref r, ref s, depth);

            if (n.ReadOnly && s.Direction == ValidationDirection.Request) return false;
            if (n.WriteOnly && s.Direction == ValidationDirection.Response) return false;
            if (!StreamType(n.Type, ref r)) return false;
            // Rules that compare whole JSON values are left to the document-based validator.
            if (n.EnumJson is not null || n.ConstJson is not null) return false;
            if (n.EnumUtf8 is byte[][] strings)
            {
                if (token != JsonTokenType.String) return false;
                bool found = false;
                foreach (var utf8 in strings)
                {
                    if (r.ValueTextEquals(utf8)) { found = true; break; }
                }
                if (!found) return false;
            }
            bool composed = n.AllOf is not null || n.AnyOf is not null || n.OneOf is not null || n.Not >= 0;
            if (!composed) return StreamValue(n, ref r, ref s, depth);
            if (token != JsonTokenType.StartObject && token != JsonTokenType.StartArray) return ScanComposedScalar(n, ref r, ref s, depth);
            // A wrapper around one schema (a nullable or described reference) reads the value once, in place.
            if (n.OnlyBranch >= 0 && !HasOwnRules(n, token)) return Scan(n.OnlyBranch, ref r, ref s, depth + 1);
            var start = r;
            // The node's own rules read the value only when it has some for this kind of value; a branch that passes
            // leaves its copy of the reader at the value's end, which then becomes the reader's position.
            bool advanced = false;
            if (HasOwnRules(n, token))
            {
                if (!StreamValue(n, ref r, ref s, depth)) return false;
                advanced = true;
            }

            if (n.AllOf is int[] all)
            {
                foreach (int i in all)
                {
                    var copy = start;
                    if (!Scan(i, ref copy, ref s, depth + 1)) return false;
                    if (!advanced) { r = copy; advanced = true; }
                }
            }
            bool dispatched = false;
            if (n.DiscriminatorUtf8 is byte[] dp && token == JsonTokenType.StartObject && (n.OneOf is not null || n.AnyOf is not null) && n.DiscriminatorCases is { Length: > 0 } cases)
            {
                dispatched = true;
                var scan = start;
                int target = -1;
                bool present = false;
                while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
                {
                    bool match = scan.ValueTextEquals(dp);
                    scan.Read();
                    if (match)
                    {
                        present = true;
                        if (scan.TokenType != JsonTokenType.String) return false;
                        var values = n.DiscriminatorCaseUtf8!;
                        for (int k = 0; k < values.Length; k++)
                        {
                            if (scan.ValueTextEquals(values[k])) { target = cases[k].Schema; break; }
                        }
                        break;
                    }
                    scan.Skip();
                }
                if (!present || target < 0) return false;
                var copy = start;
                if (!Scan(target, ref copy, ref s, depth + 1)) return false;
                if (!advanced) { r = copy; advanced = true; }
            }
            if (!dispatched && n.AnyOf is int[] any)
            {
                bool matched = false;
                foreach (int i in any)
                {
                    var copy = start;
                    if (Scan(i, ref copy, ref s, depth + 1))
                    {
                        matched = true;
                        if (!advanced) { r = copy; advanced = true; }
                        break;
                    }
                }
                if (!matched) return false;
            }
            if (!dispatched && n.OneOf is int[] one)
            {
                int matches = 0;
                foreach (int i in one)
                {
                    var copy = start;
                    if (!Scan(i, ref copy, ref s, depth + 1)) continue;
                    if (++matches > 1) return false;
                    if (!advanced) { r = copy; advanced = true; }
                }
                if (matches != 1) return false;
            }
            if (n.Not >= 0)
            {
                var copy = start;
                if (Scan(n.Not, ref copy, ref s, depth + 1)) return false;
            }
            if (!advanced) r.Skip();
            return true;
        }

        /// <summary>
        /// A composed schema on a scalar: the value is one token, which no rule reads past, so every branch checks it in
        /// place with no copy of the reader (a discriminator applies to objects only).
        /// </summary>
        private bool ScanComposedScalar(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            if (!StreamValue(n, ref r, ref s, depth)) return false;
            if (n.AllOf is int[] all)
            {
                foreach (int i in all)
                {
                    if (!QuickToken(i, ref r) && !Scan(i, ref r, ref s, depth + 1)) return false;
                }
            }
            if (n.AnyOf is int[] any)
            {
                bool matched = false;
                foreach (int i in any)
                {
                    if (QuickToken(i, ref r) || Scan(i, ref r, ref s, depth + 1)) { matched = true; break; }
                }
                if (!matched) return false;
            }
            if (n.OneOf is int[] one)
            {
                int matches = 0;
                foreach (int i in one)
                {
                    if ((QuickToken(i, ref r) || Scan(i, ref r, ref s, depth + 1)) && ++matches > 1) return false;
                }
                if (matches != 1) return false;
            }
            return n.Not < 0 || !(QuickToken(n.Not, ref r) || Scan(n.Not, ref r, ref s, depth + 1));
        }

        /// <summary>Whether the node has rules of its own for a value that starts with <paramref name="token"/>.</summary>
        private static bool HasOwnRules(SchemaNode n, JsonTokenType token) => token switch
        {
            JsonTokenType.String => n.NeedsString,
            JsonTokenType.Number => n.NeedsNumber,
            JsonTokenType.StartArray => n.Items >= 0 || n.MinItems >= 0 || n.MaxItems >= 0 || n.UniqueItems,
            JsonTokenType.StartObject => n.Properties is not null || n.AdditionalProperties != AnyValue || n.MinProperties >= 0 || n.MaxProperties >= 0 || n.Required is not null,
            _ => false,
        };

        private static bool StreamType(JsonTypes t, ref Utf8JsonReader r)
        {
            if (t == JsonTypes.Any) return true;
            switch (r.TokenType)
            {
                case JsonTokenType.Null: return (t & JsonTypes.Null) != 0;
                case JsonTokenType.True:
                case JsonTokenType.False: return (t & JsonTypes.Boolean) != 0;
                case JsonTokenType.String: return (t & JsonTypes.String) != 0;
                case JsonTokenType.StartArray: return (t & JsonTypes.Array) != 0;
                case JsonTokenType.StartObject: return (t & JsonTypes.Object) != 0;
                case JsonTokenType.Number:
                    if ((t & JsonTypes.Number) != 0) return true;
                    return (t & JsonTypes.Integer) != 0 && IsInteger(ref r);
                default: return false;
            }
        }

        private static bool IsInteger(ref Utf8JsonReader r)
        {
            if (r.TryGetInt64(out _)) return true;
            if (r.TryGetDecimal(out var d)) return decimal.Truncate(d) == d;
            double v = r.GetDouble();
            return !double.IsInfinity(v) && Math.Floor(v) == v;
        }

        private bool StreamValue(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String: return !n.NeedsString || CheckStringToken(n, ref r, s_verdictOnly);
                case JsonTokenType.Number: return !n.NeedsNumber || StreamNumber(n, ref r);
                case JsonTokenType.StartArray: return StreamArray(n, ref r, ref s, depth);
                case JsonTokenType.StartObject: return StreamObject(n, ref r, ref s, depth);
                default: return true;
            }
        }

        private static bool StreamNumber(SchemaNode n, ref Utf8JsonReader r)
        {
            var f = new NumberFacts { IsDecimal = r.TryGetDecimal(out decimal d) };
            f.Decimal = d;
            f.Double = f.IsDecimal ? 0 : r.GetDouble();
            if (n.FormatKind == FormatKind.Int32 || n.FormatKind == FormatKind.Int64)
            {
                f.FitsFormat = n.FormatKind == FormatKind.Int32
                    ? r.TryGetInt32(out _) || (f.IsDecimal && d >= int.MinValue && d <= int.MaxValue)
                    : r.TryGetInt64(out _) || (f.IsDecimal && d >= long.MinValue && d <= long.MaxValue);
                f.IsInteger = f.FitsFormat || IsInteger(ref r);
            }
            return CheckNumber(n, in f, s_verdictOnly);
        }

        private bool StreamArray(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            // Uniqueness of objects and arrays needs JSON equality over whole values: the document-based validator has it.
            if (n.UniqueItems) return StreamUniqueScalars(n, ref r, ref s, depth);
            int count = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                count++;
                if (n.Items >= 0)
                {
                    if (!QuickToken(n.Items, ref r) && !Scan(n.Items, ref r, ref s, depth + 1)) return false;
                }
                else
                {
                    r.Skip();
                }
            }
            return (n.MinItems < 0 || count >= n.MinItems) && (n.MaxItems < 0 || count <= n.MaxItems);
        }

        /// <summary>
        /// The reader's counterpart of <see cref="Quick"/>: whether the scalar token the reader is on is valid against a
        /// schema of a type and that type's rules only, decided in place; false sends it through <see cref="Scan"/>.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private bool QuickToken(int index, ref Utf8JsonReader r)
            => (uint)index < (uint)_nodes.Length && _nodes[index] is SchemaNode n && n.QuickEligible && QuickScalar(n, r.TokenType, r.ValueSpan);

        /// <summary><c>uniqueItems</c> over up to 64 strings (escaped ones up to 256 bytes), numbers, booleans and nulls, compared as JSON compares them.</summary>
        private bool StreamUniqueScalars(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            const int Limit = 64;
            Span<long> starts = stackalloc long[Limit];
            int count = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                var item = r;
                if (n.Items >= 0)
                {
                    if (!Scan(n.Items, ref r, ref s, depth + 1)) return false;
                }
                else
                {
                    r.Skip();
                }
                if (count == Limit || item.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) return false;
                if (item.TokenType == JsonTokenType.String && item.ValueIsEscaped && item.ValueSpan.Length > 256) return false;
                for (int j = 0; j < count; j++)
                {
                    var other = new Utf8JsonReader(s.Text.Slice((int)starts[j]));
                    other.Read();
                    if (ScalarEquals(ref item, ref other)) return false;
                }
                starts[count++] = item.TokenStartIndex;
            }
            return (n.MinItems < 0 || count >= n.MinItems) && (n.MaxItems < 0 || count <= n.MaxItems);
        }

        private static bool ScalarEquals(ref Utf8JsonReader a, ref Utf8JsonReader b)
        {
            var ta = a.TokenType;
            if (ta == JsonTokenType.False || ta == JsonTokenType.True || ta == JsonTokenType.Null) return b.TokenType == ta;
            if (ta != b.TokenType) return false;
            if (ta == JsonTokenType.String)
            {
                if (!a.ValueIsEscaped && !b.ValueIsEscaped) return a.ValueSpan.SequenceEqual(b.ValueSpan);
                if (!a.ValueIsEscaped) return b.ValueTextEquals(a.ValueSpan);
                // a is escaped (and at most 256 bytes, which its decoded form does not exceed): decode it, let b compare.
                Span<byte> text = stackalloc byte[256];
                return b.ValueTextEquals(text.Slice(0, a.CopyString(text)));
            }
            if (a.TryGetDecimal(out var da) && b.TryGetDecimal(out var db)) return da == db;
            return a.GetDouble() == b.GetDouble();
        }

        /// <summary>The declared property an escaped member name spells, -1 for none, -2 when the name is too long to decode here.</summary>
        private static int FindEscaped(SchemaNode n, ref Utf8JsonReader r)
        {
            if (r.ValueSpan.Length > 256) return -2;
            Span<byte> name = stackalloc byte[256];
            return n.FindProperty(name.Slice(0, r.CopyString(name)));
        }

        private bool StreamObject(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            var props = n.Properties;
            int count = 0;
            Span<bool> seen = props is null ? default : props.Length <= 256 ? stackalloc bool[props.Length] : new bool[props.Length];
            seen.Clear();
            byte[][]? required = n.RequiredUtf8;
            int[]? requiredProperty = n.RequiredProperty;
            // Required names that no declared property carries are looked for among the undeclared members.
            int[]? undeclared = n.RequiredUndeclared;
            if (undeclared is { Length: > 64 }) return false;
            Span<bool> seenUndeclared = stackalloc bool[undeclared is null ? 0 : undeclared.Length];
            seenUndeclared.Clear();
            int previous = props is null ? 0 : props.Length;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                count++;
                int found = -1;
                if (props is { Length: > 0 })
                {
                    if (!r.ValueIsEscaped)
                    {
                        var name = r.ValueSpan;
                        int guess = n.NextHint![previous];
                        if (name.SequenceEqual(props[guess].Utf8Name))
                        {
                            found = guess;
                        }
                        else
                        {
                            found = n.FindProperty(name);
                            if (found >= 0) n.NextHint[previous] = found;
                        }
                    }
                    else
                    {
                        found = FindEscaped(n, ref r);
                        if (found == -2) return false;
                    }
                }
                int schema;
                if (found >= 0)
                {
                    seen[found] = true;
                    previous = found;
                    schema = props![found].Schema;
                }
                else
                {
                    if (undeclared is not null)
                    {
                        for (int k = 0; k < undeclared.Length; k++)
                        {
                            if (r.ValueTextEquals(required![undeclared[k]])) seenUndeclared[k] = true;
                        }
                    }
                    schema = n.AdditionalProperties;
                    if (schema == NoValue) return false;
                }
                r.Read();
                if (schema < 0 || schema >= _nodes.Length)
                {
                    r.Skip();
                }
                else if (!QuickToken(schema, ref r) && !Scan(schema, ref r, ref s, depth + 1))
                {
                    return false;
                }
            }
            if (n.MinProperties >= 0 && count < n.MinProperties) return false;
            if (n.MaxProperties >= 0 && count > n.MaxProperties) return false;
            if (required is not null)
            {
                int k = 0;
                for (int i = 0; i < required.Length; i++)
                {
                    int p = requiredProperty![i];
                    if (p >= 0 ? seen[p] : seenUndeclared[k++]) continue;
                    if (s.Direction != ValidationDirection.None && ExemptByDirection(n, p, s.Direction)) continue;
                    return false;
                }
            }
            return true;
        }
    }
}
