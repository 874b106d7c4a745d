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
        /// <c>enum</c> or <c>const</c> with object or array values met by an object or array, <c>uniqueItems</c> over
        /// objects, arrays or more than 64 items). <see cref="Validate(int, ReadOnlyMemory{byte}, ValidationCollector, string)"/>
        /// decides for good and lists the errors.
        /// </summary>
        public bool IsValid(int index, ReadOnlySpan<byte> utf8Json, ValidationDirection direction = ValidationDirection.None)
        {
            var reader = new Utf8JsonReader(utf8Json);
            try
            {
                if (!reader.Read()) return false;
                var source = new Source(utf8Json, direction, s_verdictOnly);
                if (!Scan(index, ref reader, ref source, 0)) return false;
                // Nothing but white space may follow the value.
                return !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>
        /// Validates UTF-8 JSON text against schema <paramref name="index"/>, adding every error to
        /// <paramref name="collector"/> (under its <see cref="ValidationCollector.Prefix"/>, in its
        /// <see cref="ValidationCollector.Direction"/>); returns whether it is valid. One <see cref="Utf8JsonReader"/> pass
        /// decides and reports, with the same errors as <see cref="Validate(int, JsonElement, ValidationCollector)"/>;
        /// a document is parsed only for text that is not JSON (one <c>json</c> error, which calls the text
        /// <paramref name="subject"/>) or that uses a rule the pass leaves to the document (see <see cref="IsValid(int, ReadOnlySpan{byte}, ValidationDirection)"/>).
        /// </summary>
        public bool Validate(int index, ReadOnlyMemory<byte> utf8Json, ValidationCollector collector, string subject = "text")
        {
            if (collector is null) throw new ArgumentNullException(nameof(collector));
            var text = utf8Json.Span;
            var reader = new Utf8JsonReader(text);
            int before = collector.Errors.Count;
            // Within a validation under way (a check of one's own), the document-based validator places the errors.
            bool began = collector.BeginChain();
            bool decided = false, valid = false;
            try
            {
                if (began && reader.Read())
                {
                    var source = new Source(text, collector.Direction, collector);
                    valid = Scan(index, ref reader, ref source, 0);
                    // Nothing but white space may follow the value (the reader throws on anything else).
                    decided = !source.Undecided && !reader.Read();
                }
            }
            catch (JsonException)
            {
                decided = false;
            }
            finally
            {
                if (began) collector.EndChain(text, keep: decided);
            }
            if (decided) return valid && collector.Errors.Count == before;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(utf8Json);
            }
            catch (JsonException ex)
            {
                collector.Add("json", "The " + subject + " is not valid JSON: " + ex.Message);
                return false;
            }
            using (doc) return Validate(index, doc.RootElement, collector);
        }

        /// <summary>The text being read, the direction and where errors go, passed down the recursion together.</summary>
        private ref struct Source
        {
            public Source(ReadOnlySpan<byte> text, ValidationDirection direction, ValidationCollector collector)
            {
                Text = text;
                Direction = direction;
                Collector = collector;
                Undecided = false;
            }

            public readonly ReadOnlySpan<byte> Text;

            public readonly ValidationDirection Direction;

            /// <summary>Records errors, or (suppressed) turns the first failure into the answer.</summary>
            public readonly ValidationCollector Collector;

            /// <summary>A rule this pass leaves to the document-based validator was met: the pass stops without a verdict.</summary>
            public bool Undecided;
        }

        /// <summary>Stops the pass: the document-based validator decides this text.</summary>
        private static bool Undecide(ref Source s)
        {
            s.Undecided = true;
            return false;
        }

        /// <summary>
        /// Checks the value whose first token the reader is on, leaving the reader on its last token. While errors are
        /// recorded (the collector is not suppressed), a failure still reads the whole value, so the pass goes on after it.
        /// </summary>
        private bool Scan(int index, ref Utf8JsonReader r, ref Source s, int depth)
        {
            if (index < 0 || index >= _nodes.Length || _nodes[index] is not SchemaNode n)
            {
                r.Skip();
                return true;
            }
            if (depth > MaxDepth) return Undecide(ref s);
            var token = r.TokenType;
            if (token == JsonTokenType.Null && n.Nullable) return true;
            var c = s.Collector;
            if (n.Simple) return StreamType(n.Type, ref r) ? StreamValue(n, ref r, ref s, depth) : WrongType(n, ref r, c);

            bool ok = true;
            if ((n.ReadOnly || n.WriteOnly) && !DirectionAllows(n, s.Direction, c))
            {
                ok = false;
                if (c.Suppressed) return false;
            }
            if (!StreamType(n.Type, ref r)) return WrongType(n, ref r, c);
            if (n.EnumUtf8 is byte[][] strings && !(token == JsonTokenType.String && IsOneOf(strings, ref r)))
            {
                ok = false;
                if (c.Report("enum", EnumError(n))) return false;
            }
            else if (n.EnumJson is not null)
            {
                int found = MatchesAny(n.EnumValues, ref r);
                if (found < 0) return Undecide(ref s);
                if (found == 0)
                {
                    ok = false;
                    if (c.Report("enum", EnumJsonError(n))) return false;
                }
            }
            if (n.ConstJson is not null)
            {
                int same = MatchesAny(n.ConstValues, ref r);
                if (same < 0) return Undecide(ref s);
                if (same == 0)
                {
                    ok = false;
                    if (c.Report("const", ConstError(n))) return false;
                }
            }
            bool composed = n.AllOf is not null || n.AnyOf is not null || n.OneOf is not null || n.Not >= 0;
            if (!composed) return StreamValue(n, ref r, ref s, depth) && ok;
            if (token != JsonTokenType.StartObject && token != JsonTokenType.StartArray) return ScanComposedScalar(n, ref r, ref s, depth) && ok;
            // A wrapper around one schema (a nullable or described reference) reads the value once, in place; recorded
            // errors of a lone anyOf or oneOf entry are that entry's one error, which the general way below reports.
            if (n.OnlyBranch >= 0 && !HasOwnRules(n, token) && (c.Suppressed || n.AllOf is { Length: 1 }))
                return Scan(n.OnlyBranch, ref r, ref s, depth + 1) && ok;
            var start = r;
            // The node's own rules read the value only when it has some for this kind of value; a branch that passes
            // leaves its copy of the reader at the value's end, which then becomes the reader's position.
            bool advanced = false;
            if (HasOwnRules(n, token))
            {
                if (!StreamValue(n, ref r, ref s, depth))
                {
                    ok = false;
                    if (c.Suppressed || s.Undecided) return false;
                }
                advanced = true;
            }

            if (n.AllOf is int[] all)
            {
                foreach (int i in all)
                {
                    if (Branch(i, ref r, in start, scalar: false, ref advanced, ref s, depth)) continue;
                    ok = false;
                    if (c.Suppressed || s.Undecided) return false;
                }
            }
            bool dispatched = false;
            if (n.DiscriminatorUtf8 is byte[] dp && token == JsonTokenType.StartObject && (n.OneOf is not null || n.AnyOf is not null) && n.DiscriminatorCases is { Length: > 0 } cases)
            {
                dispatched = true;
                int target = Dispatch(n, dp, cases, start);
                if (target < 0)
                {
                    ok = false;
                    if (c.Report("discriminator", target == -1 ? DiscriminatorMissing(n) : DiscriminatorUnknown(n))) return false;
                }
                else if (!Branch(target, ref r, in start, scalar: false, ref advanced, ref s, depth))
                {
                    ok = false;
                    if (c.Suppressed || s.Undecided) return false;
                }
            }
            bool branches = TryBranches(n, ref r, in start, scalar: false, dispatched, ref advanced, ref s, depth);
            if (!branches && (c.Suppressed || s.Undecided)) return false;
            if (!advanced) r.Skip();
            return ok && branches;
        }

        /// <summary>The schema the discriminator of the object at <paramref name="start"/> selects; -1 when it is missing or not a string, -2 when its value selects none.</summary>
        private static int Dispatch(SchemaNode n, byte[] property, DiscriminatorCase[] cases, Utf8JsonReader start)
        {
            var scan = start;
            while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
            {
                bool match = scan.ValueTextEquals(property);
                scan.Read();
                if (match)
                {
                    if (scan.TokenType != JsonTokenType.String) return -1;
                    var values = n.DiscriminatorCaseUtf8!;
                    for (int k = 0; k < values.Length; k++)
                    {
                        if (scan.ValueTextEquals(values[k])) return cases[k].Schema;
                    }
                    return -2;
                }
                scan.Skip();
            }
            return -1;
        }

        /// <summary>Reports the value's type as not allowed (reading past the value, when errors are recorded, so the pass goes on).</summary>
        private static bool WrongType(SchemaNode n, ref Utf8JsonReader r, ValidationCollector c)
        {
            if (c.Recording)
            {
                c.Add("type", TypeError(n, TokenKind(ref r)));
                r.Skip();
            }
            return false;
        }

        /// <summary>What the value is, as <see cref="s_found"/> numbers it.</summary>
        private static int TokenKind(ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.Null => 0,
            JsonTokenType.True or JsonTokenType.False => 1,
            JsonTokenType.Number => IsInteger(ref r) ? 2 : 3,
            JsonTokenType.String => 4,
            JsonTokenType.StartArray => 5,
            JsonTokenType.StartObject => 6,
            _ => 7,
        };

        /// <summary>Whether the string token is one of the values (escaped text compared decoded).</summary>
        private static bool IsOneOf(byte[][] values, ref Utf8JsonReader r)
        {
            foreach (var utf8 in values)
            {
                if (r.ValueTextEquals(utf8)) return true;
            }
            return false;
        }

        /// <summary>
        /// Whether the value the reader is on equals one of <paramref name="values"/> as JSON compares (numbers by value): 1
        /// yes, 0 no, -1 when an object or array meets an object or array value, which the document-based validator compares.
        /// </summary>
        private static int MatchesAny(JsonElement[] values, ref Utf8JsonReader r)
        {
            var token = r.TokenType;
            foreach (var v in values)
            {
                var kind = v.ValueKind;
                switch (token)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (kind is JsonValueKind.Object or JsonValueKind.Array) return -1;
                        break;
                    case JsonTokenType.Null:
                        if (kind == JsonValueKind.Null) return 1;
                        break;
                    case JsonTokenType.True:
                        if (kind == JsonValueKind.True) return 1;
                        break;
                    case JsonTokenType.False:
                        if (kind == JsonValueKind.False) return 1;
                        break;
                    case JsonTokenType.Number:
                        if (kind != JsonValueKind.Number) break;
                        if (r.TryGetDecimal(out var a) && v.TryGetDecimal(out var b) ? a == b : r.GetDouble() == v.GetDouble()) return 1;
                        break;
                    case JsonTokenType.String:
                        if (kind == JsonValueKind.String && r.ValueTextEquals(v.GetString())) return 1;
                        break;
                }
            }
            return 0;
        }

        /// <summary>
        /// A composed schema on a scalar: the value is one token, which no rule reads past, so every branch checks it in
        /// place with no copy of the reader (a discriminator applies to objects only).
        /// </summary>
        private bool ScanComposedScalar(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            var c = s.Collector;
            // A scalar: branches read the token in place, and no reader moves.
            bool advanced = true;
            bool ok = StreamValue(n, ref r, ref s, depth);
            if (!ok && (c.Suppressed || s.Undecided)) return false;
            if (n.AllOf is int[] all)
            {
                foreach (int i in all)
                {
                    if (Branch(i, ref r, in r, scalar: true, ref advanced, ref s, depth)) continue;
                    ok = false;
                    if (c.Suppressed || s.Undecided) return false;
                }
            }
            bool branches = TryBranches(n, ref r, in r, scalar: true, dispatched: false, ref advanced, ref s, depth);
            if (!branches && (c.Suppressed || s.Undecided)) return false;
            return ok && branches;
        }

        /// <summary>
        /// The anyOf, oneOf and not of a composed value. Branches only answer whether they match: nothing is recorded
        /// inside them, and the value's one error per failed keyword is reported here. False when the value fails one of
        /// them, or when the check must stop (a suppressed collector's first failure, a rule left to the document).
        /// </summary>
        private bool TryBranches(SchemaNode n, ref Utf8JsonReader r, scoped in Utf8JsonReader start, bool scalar, bool dispatched, ref bool advanced, ref Source s, int depth)
        {
            var c = s.Collector;
            bool ok = true;
            bool record = c.Recording;
            if (!dispatched && n.AnyOf is int[] any)
            {
                bool matched = false;
                if (record) c.BeginSuppress();
                foreach (int i in any)
                {
                    if (Branch(i, ref r, in start, scalar, ref advanced, ref s, depth)) { matched = true; break; }
                    if (s.Undecided) break;
                }
                if (record) c.EndSuppress();
                if (s.Undecided) return false;
                if (!matched)
                {
                    ok = false;
                    if (c.Report("anyOf", AnyOfError(any.Length))) return false;
                }
            }
            if (!dispatched && n.OneOf is int[] one)
            {
                int matches = 0;
                if (record) c.BeginSuppress();
                foreach (int i in one)
                {
                    if (Branch(i, ref r, in start, scalar, ref advanced, ref s, depth))
                    {
                        if (++matches > 1) break;
                    }
                    else if (s.Undecided)
                    {
                        break;
                    }
                }
                if (record) c.EndSuppress();
                if (s.Undecided) return false;
                if (matches != 1)
                {
                    ok = false;
                    if (c.Report("oneOf", OneOfError(matches, one.Length))) return false;
                }
            }
            if (n.Not >= 0)
            {
                if (record) c.BeginSuppress();
                bool matched = Branch(n.Not, ref r, in start, scalar, ref advanced, ref s, depth);
                if (record) c.EndSuppress();
                if (s.Undecided) return false;
                if (matched)
                {
                    ok = false;
                    if (c.Report("not", NotError)) return false;
                }
            }
            return ok;
        }

        /// <summary>
        /// Whether the value matches one branch: a scalar token in place; an object or array on a copy of
        /// <paramref name="start"/>, the first match leaving the reader at the value's end.
        /// </summary>
        private bool Branch(int index, ref Utf8JsonReader r, scoped in Utf8JsonReader start, bool scalar, ref bool advanced, ref Source s, int depth)
        {
            if (scalar) return QuickToken(index, ref r) || Scan(index, ref r, ref s, depth + 1);
            var copy = start;
            if (!Scan(index, ref copy, ref s, depth + 1)) return false;
            if (!advanced)
            {
                r = copy;
                advanced = true;
            }
            return true;
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
                case JsonTokenType.String: return !n.NeedsString || CheckStringToken(n, ref r, s.Collector);
                case JsonTokenType.Number: return !n.NeedsNumber || StreamNumber(n, ref r, s.Collector);
                case JsonTokenType.StartArray: return StreamArray(n, ref r, ref s, depth);
                case JsonTokenType.StartObject: return StreamObject(n, ref r, ref s, depth);
                default: return true;
            }
        }

        private static bool StreamNumber(SchemaNode n, ref Utf8JsonReader r, ValidationCollector c)
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
            return CheckNumber(n, in f, c);
        }

        /// <summary>
        /// The items, their count and, with <c>uniqueItems</c>, their uniqueness over up to 64 strings (escaped ones up to
        /// 256 bytes), numbers, booleans and nulls, compared as JSON compares them; uniqueness of more items, objects or
        /// arrays needs JSON equality over whole values, which the document-based validator has.
        /// </summary>
        private bool StreamArray(SchemaNode n, ref Utf8JsonReader r, ref Source s, int depth)
        {
            const int Limit = 64;
            var c = s.Collector;
            bool unique = n.UniqueItems;
            Span<long> starts = unique ? stackalloc long[Limit] : default;
            // For each item, the first earlier one it equals (-1 for none): reported after the items' own errors.
            Span<int> twins = unique ? stackalloc int[Limit] : default;
            int mark = c.PendingCount;
            bool ok = true;
            int count = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                long start = r.TokenStartIndex;
                if (n.Items < 0)
                {
                    r.Skip();
                }
                else if (!QuickToken(n.Items, ref r))
                {
                    int since = c.PendingCount;
                    if (!Scan(n.Items, ref r, ref s, depth + 1))
                    {
                        ok = false;
                        if (c.Suppressed || s.Undecided) return false;
                        c.UnderItem(since, count);
                    }
                }
                if (unique)
                {
                    // The item is read again from its first token, as the earlier items are.
                    var item = new Utf8JsonReader(s.Text.Slice((int)start));
                    item.Read();
                    if (count == Limit || item.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) return Undecide(ref s);
                    if (item.TokenType == JsonTokenType.String && item.ValueIsEscaped && item.ValueSpan.Length > 256) return Undecide(ref s);
                    int twin = -1;
                    for (int j = 0; j < count; j++)
                    {
                        var other = new Utf8JsonReader(s.Text.Slice((int)starts[j]));
                        other.Read();
                        if (ScalarEquals(ref item, ref other)) { twin = j; break; }
                    }
                    if (twin >= 0)
                    {
                        ok = false;
                        if (c.Suppressed) return false;
                    }
                    twins[count] = twin;
                    starts[count] = start;
                }
                count++;
            }
            for (int i = 0; unique && i < count; i++)
            {
                if (twins[i] >= 0) c.Report("uniqueItems", UniqueError(twins[i], i));
            }
            return CountItems(n, count, mark, c) && ok;
        }

        /// <summary><c>minItems</c> and <c>maxItems</c> once the items are read: their errors go before the items' (at <paramref name="mark"/>), as the document-based validator lists them.</summary>
        private static bool CountItems(SchemaNode n, int count, int mark, ValidationCollector c)
        {
            if (n.MinItems < 0 && n.MaxItems < 0) return true;
            int since = c.PendingCount;
            if (ItemCountAllowed(n, count, c)) return true;
            c.MoveUp(since, mark);
            return false;
        }

        /// <summary>
        /// The reader's counterpart of <see cref="Quick"/>: whether the scalar token the reader is on is valid against a
        /// schema of a type and that type's rules only, decided in place; false sends it through <see cref="Scan"/>.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private bool QuickToken(int index, ref Utf8JsonReader r)
            => (uint)index < (uint)_nodes.Length && _nodes[index] is SchemaNode n
                && (n.QuickEligible ? QuickScalar(n, r.TokenType, r.ValueSpan)
                    : n.QuickAnyOf && r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) && QuickAny(n, r.TokenType, r.ValueSpan));

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
            var c = s.Collector;
            var props = n.Properties;
            int count = 0;
            // Which declared properties are present, one bit each.
            Span<ulong> seen = props is null ? default : props.Length <= 4096 ? stackalloc ulong[(props.Length + 63) >> 6] : new ulong[(props.Length + 63) >> 6];
            seen.Clear();
            byte[][]? required = n.RequiredUtf8;
            int[]? requiredProperty = n.RequiredProperty;
            // Required names that no declared property carries are looked for among the undeclared members.
            int[]? undeclared = n.RequiredUndeclared;
            if (undeclared is { Length: > 64 }) return Undecide(ref s);
            Span<bool> seenUndeclared = stackalloc bool[undeclared is null ? 0 : undeclared.Length];
            seenUndeclared.Clear();
            bool ok = true;
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
                        if (found == -2) return Undecide(ref s);
                    }
                }
                int schema;
                // Where the member's name starts: the step of the pointer to an error under it.
                int at = (int)r.TokenStartIndex;
                if (found >= 0)
                {
                    seen[found >> 6] |= 1UL << found;
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
                    if (schema == NoValue)
                    {
                        ok = false;
                        if (c.Suppressed) return false;
                        int since = c.PendingCount;
                        c.Add("additionalProperties", AdditionalError);
                        c.UnderName(since, at);
                        r.Read();
                        r.Skip();
                        continue;
                    }
                }
                r.Read();
                if (schema < 0 || schema >= _nodes.Length)
                {
                    r.Skip();
                }
                else if (!QuickToken(schema, ref r))
                {
                    int since = c.PendingCount;
                    if (!Scan(schema, ref r, ref s, depth + 1))
                    {
                        ok = false;
                        if (c.Suppressed || s.Undecided) return false;
                        c.UnderName(since, at);
                    }
                }
            }
            if (!PropertyCountAllowed(n, count, c))
            {
                ok = false;
                if (c.Suppressed) return false;
            }
            // Every required name a declared property: one look at the bits tells whether all were met.
            if (required is not null && !(n.RequiredBits is ulong[] bits && AllSet(seen, bits)))
            {
                int k = 0;
                for (int i = 0; i < required.Length; i++)
                {
                    int p = requiredProperty![i];
                    if (p >= 0 ? (seen[p >> 6] & (1UL << p)) != 0 : seenUndeclared[k++]) continue;
                    if (s.Direction != ValidationDirection.None && ExemptByDirection(n, p, s.Direction)) continue;
                    ok = false;
                    if (c.Report("required", RequiredError(n, i))) return false;
                }
            }
            return ok;
        }
    }
}
