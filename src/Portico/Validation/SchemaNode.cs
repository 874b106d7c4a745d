using System;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portico.Validation
{
    /// <summary>The JSON types a schema allows (<see cref="Any"/> when it names none).</summary>
    [Flags]
    public enum JsonTypes
    {
        /// <summary>No type restriction.</summary>
        Any = 0,
        /// <summary><c>null</c>.</summary>
        Null = 1,
        /// <summary><c>true</c> or <c>false</c>.</summary>
        Boolean = 2,
        /// <summary>A number without fractional part.</summary>
        Integer = 4,
        /// <summary>Any number.</summary>
        Number = 8,
        /// <summary>A string.</summary>
        String = 16,
        /// <summary>An array.</summary>
        Array = 32,
        /// <summary>An object.</summary>
        Object = 64,
    }

    /// <summary>A property a schema declares: its name and the index of its schema in the <see cref="SchemaSet"/>.</summary>
    public sealed class SchemaProperty
    {
        /// <summary>Declares a property.</summary>
        public SchemaProperty(string name, int schema)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Schema = schema;
            Utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
        }

        /// <summary>The JSON name.</summary>
        public string Name { get; }

        /// <summary>Index of the property's schema.</summary>
        public int Schema { get; }

        internal byte[] Utf8Name { get; }
    }

    /// <summary>A value of a discriminator and the index of the schema it selects.</summary>
    public sealed class DiscriminatorCase
    {
        /// <summary>Maps a discriminator value to a schema.</summary>
        public DiscriminatorCase(string value, int schema)
        {
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Schema = schema;
        }

        /// <summary>The discriminator value.</summary>
        public string Value { get; }

        /// <summary>Index of the schema it selects.</summary>
        public int Schema { get; }
    }

    /// <summary>
    /// The validation rules of one schema, as generated from the OpenAPI description: plain data that
    /// <see cref="SchemaSet"/> interprets. Other schemas are referred to by their index in the set, so recursive schemas
    /// need no special handling. Unset members impose nothing.
    /// </summary>
    public sealed class SchemaNode
    {
        /// <summary>A name for messages (the component's name), or <c>null</c>.</summary>
        public string? Name { get; set; }
        /// <summary>The JSON types allowed (<c>type</c>); <see cref="JsonTypes.Any"/> allows every type.</summary>
        public JsonTypes Type { get; set; }
        /// <summary>JSON <c>null</c> is valid whatever the other keywords say (OpenAPI 3.0 <c>nullable</c>, 3.1 <c>"null"</c> in a type array).</summary>
        public bool Nullable { get; set; }
        /// <summary><c>enum</c> when every value is a string (compared without allocating).</summary>
        public string[]? EnumStrings { get; set; }
        /// <summary><c>enum</c> as a JSON array, when some value is not a string.</summary>
        public string? EnumJson { get; set; }
        /// <summary><c>const</c> as JSON text.</summary>
        public string? ConstJson { get; set; }
        /// <summary><c>required</c> property names.</summary>
        public string[]? Required { get; set; }
        /// <summary><c>properties</c>.</summary>
        public SchemaProperty[]? Properties { get; set; }
        /// <summary><c>additionalProperties</c>: <see cref="SchemaSet.AnyValue"/>, <see cref="SchemaSet.NoValue"/> (false) or a schema index.</summary>
        public int AdditionalProperties { get; set; } = SchemaSet.AnyValue;
        /// <summary><c>pattern</c> (ECMA-262 syntax, run by .NET's engine in ECMAScript mode where it can).</summary>
        public string? Pattern { get; set; }
        /// <summary><c>minLength</c> in Unicode code points, or -1.</summary>
        public int MinLength { get; set; } = -1;
        /// <summary><c>maxLength</c> in Unicode code points, or -1.</summary>
        public int MaxLength { get; set; } = -1;
        /// <summary><c>minimum</c>.</summary>
        public double? Minimum { get; set; }
        /// <summary><c>maximum</c>.</summary>
        public double? Maximum { get; set; }
        /// <summary>OpenAPI 3.0 / draft 4 boolean <c>exclusiveMinimum</c>: <see cref="Minimum"/> itself is excluded.</summary>
        public bool MinimumExclusive { get; set; }
        /// <summary>OpenAPI 3.0 / draft 4 boolean <c>exclusiveMaximum</c>: <see cref="Maximum"/> itself is excluded.</summary>
        public bool MaximumExclusive { get; set; }
        /// <summary>OpenAPI 3.1 numeric <c>exclusiveMinimum</c>.</summary>
        public double? ExclusiveMinimum { get; set; }
        /// <summary>OpenAPI 3.1 numeric <c>exclusiveMaximum</c>.</summary>
        public double? ExclusiveMaximum { get; set; }
        /// <summary><c>multipleOf</c> (checked exactly in decimal when the numbers fit).</summary>
        public double? MultipleOf { get; set; }
        /// <summary><c>items</c> schema index, or -1.</summary>
        public int Items { get; set; } = -1;
        /// <summary><c>minItems</c>, or -1.</summary>
        public int MinItems { get; set; } = -1;
        /// <summary><c>maxItems</c>, or -1.</summary>
        public int MaxItems { get; set; } = -1;
        /// <summary><c>uniqueItems</c> (JSON equality: <c>1</c> equals <c>1.0</c>, property order does not matter).</summary>
        public bool UniqueItems { get; set; }
        /// <summary><c>minProperties</c>, or -1.</summary>
        public int MinProperties { get; set; } = -1;
        /// <summary><c>maxProperties</c>, or -1.</summary>
        public int MaxProperties { get; set; } = -1;
        /// <summary><c>allOf</c> schema indexes.</summary>
        public int[]? AllOf { get; set; }
        /// <summary><c>anyOf</c> schema indexes.</summary>
        public int[]? AnyOf { get; set; }
        /// <summary><c>oneOf</c> schema indexes.</summary>
        public int[]? OneOf { get; set; }
        /// <summary><c>not</c> schema index, or -1.</summary>
        public int Not { get; set; } = -1;
        /// <summary>The discriminator's property name (honoured with <c>oneOf</c>/<c>anyOf</c>).</summary>
        public string? DiscriminatorProperty { get; set; }
        /// <summary>The discriminator's values (explicit mapping, else component names).</summary>
        public DiscriminatorCase[]? DiscriminatorCases { get; set; }
        /// <summary><c>readOnly</c>: must not appear in a request.</summary>
        public bool ReadOnly { get; set; }
        /// <summary><c>writeOnly</c>: must not appear in a response.</summary>
        public bool WriteOnly { get; set; }
        /// <summary><c>format</c> (date-time, date, uuid, email, uri, hostname, ipv4, ipv6, byte, int32, int64 are checked; others are not).</summary>
        public string? Format { get; set; }

        // Derived once, when the set is created.
        internal decimal? MinimumDec, MaximumDec, ExclusiveMinimumDec, ExclusiveMaximumDec, MultipleOfDec;
        internal byte[][]? RequiredUtf8;
        internal int[]? RequiredProperty; // for each required name, its index in Properties, or -1
        internal ulong[]? RequiredBits; // when every required name is a declared property: their indexes as bits (64 to a word)
        internal int[]? RequiredUndeclared; // the required names (indexes into Required) that no declared property carries
        internal byte[][]? EnumUtf8;
        internal byte[]? DiscriminatorUtf8;
        internal byte[][]? DiscriminatorCaseUtf8;
        internal int[]? PropertyTable; // open addressing by NameHash: property index + 1, 0 for an empty slot
        internal int[]? NextHint; // for each property (and, last, the start of an object): the property that followed it last time
        internal FormatKind FormatKind;
        internal bool NeedsString;
        internal bool NeedsNumber;
        internal string? EnumMessage; // the enum error's message, spelled once when first needed
        internal bool FormatOnly; // a string format is the only string rule, and no grammar but email's admits a backslash
        internal bool LengthOnly; // minLength or maxLength are the only string rules
        internal int OnlyBranch = -1; // the one schema of a lone allOf, anyOf or oneOf entry (no not, no discriminator), else -1
        internal bool QuickEligible; // Simple, or Simple but for a string enum: scalars are decided without the full check
        internal bool QuickAnyOf; // an anyOf and nothing else that applies to a scalar: a scalar one quick branch shows valid is valid
        internal bool Simple; // a type and that type's rules only: no enum, const, composition, discriminator or direction
        private JsonElement[]? _enum;
        private JsonElement[]? _constValues;
        private Regex? _regex;
        private bool _regexFailed;

        internal JsonElement[] EnumValues => _enum ??= Parse(EnumJson!, array: true);

        internal JsonElement ConstValue => ConstValues[0];

        internal JsonElement[] ConstValues => _constValues ??= Parse(ConstJson!, array: false);

        private static JsonElement[] Parse(string json, bool array)
        {
            using var doc = JsonDocument.Parse(json);
            if (!array) return new[] { doc.RootElement.Clone() };
            var list = new JsonElement[doc.RootElement.GetArrayLength()];
            int i = 0;
            foreach (var e in doc.RootElement.EnumerateArray()) list[i++] = e.Clone();
            return list;
        }

        /// <summary>The compiled pattern, or <c>null</c> when .NET cannot compile it (it is then not checked).</summary>
        internal Regex? Regex
        {
            get
            {
                if (_regex is not null || _regexFailed || Pattern is null) return _regex;
                _regex = PatternCache.Get(Pattern);
                _regexFailed = _regex is null;
                return _regex;
            }
        }

        internal void Freeze()
        {
            MinimumDec = ToDecimal(Minimum);
            MaximumDec = ToDecimal(Maximum);
            ExclusiveMinimumDec = ToDecimal(ExclusiveMinimum);
            ExclusiveMaximumDec = ToDecimal(ExclusiveMaximum);
            MultipleOfDec = ToDecimal(MultipleOf);
            if (Properties is { Length: > 0 } props)
            {
                int size = 4;
                while (size < props.Length * 2) size <<= 1;
                PropertyTable = new int[size];
                NextHint = new int[props.Length + 1];
                for (int k = 0; k < props.Length; k++) NextHint[k] = k + 1 == props.Length ? 0 : k + 1;
                for (int k = 0; k < props.Length; k++)
                {
                    int slot = NameHash(props[k].Utf8Name) & (size - 1);
                    while (PropertyTable[slot] != 0) slot = (slot + 1) & (size - 1);
                    PropertyTable[slot] = k + 1;
                }
            }
            if (Required is { Length: > 0 })
            {
                RequiredUtf8 = new byte[Required.Length][];
                RequiredProperty = new int[Required.Length];
                for (int i = 0; i < Required.Length; i++)
                {
                    RequiredUtf8[i] = System.Text.Encoding.UTF8.GetBytes(Required[i]);
                    RequiredProperty[i] = FindProperty(RequiredUtf8[i]);
                }
                int undeclared = 0;
                foreach (int p in RequiredProperty) if (p < 0) undeclared++;
                if (undeclared == 0)
                {
                    RequiredBits = new ulong[(Properties!.Length + 63) >> 6];
                    foreach (int p in RequiredProperty) RequiredBits[p >> 6] |= 1UL << p;
                }
                if (undeclared > 0)
                {
                    RequiredUndeclared = new int[undeclared];
                    undeclared = 0;
                    for (int i = 0; i < RequiredProperty.Length; i++) if (RequiredProperty[i] < 0) RequiredUndeclared[undeclared++] = i;
                }
            }
            if (EnumStrings is { } strings)
            {
                EnumUtf8 = new byte[strings.Length][];
                for (int i = 0; i < strings.Length; i++) EnumUtf8[i] = System.Text.Encoding.UTF8.GetBytes(strings[i]);
            }
            if (DiscriminatorProperty is string dp && DiscriminatorCases is { } cases)
            {
                DiscriminatorUtf8 = System.Text.Encoding.UTF8.GetBytes(dp);
                DiscriminatorCaseUtf8 = new byte[cases.Length][];
                for (int i = 0; i < cases.Length; i++) DiscriminatorCaseUtf8[i] = System.Text.Encoding.UTF8.GetBytes(cases[i].Value);
            }
            FormatKind = Formats.KindOf(Format);
            NeedsString = MinLength >= 0 || MaxLength >= 0 || Pattern is not null || Formats.IsStringFormat(FormatKind);
            FormatOnly = MinLength < 0 && MaxLength < 0 && Pattern is null && Formats.IsStringFormat(FormatKind) && FormatKind != FormatKind.Email;
            LengthOnly = (MinLength >= 0 || MaxLength >= 0) && Pattern is null && !Formats.IsStringFormat(FormatKind);
            int branches = (AllOf?.Length ?? 0) + (AnyOf?.Length ?? 0) + (OneOf?.Length ?? 0);
            // An empty list beside the lone entry still has its say (an empty anyOf or oneOf matches nothing).
            int lists = (AllOf is null ? 0 : 1) + (AnyOf is null ? 0 : 1) + (OneOf is null ? 0 : 1);
            OnlyBranch = branches != 1 || lists != 1 || Not >= 0 || DiscriminatorProperty is not null ? -1
                : AllOf is { Length: 1 } ? AllOf[0] : AnyOf is { Length: 1 } ? AnyOf[0] : OneOf![0];
            Simple = !ReadOnly && !WriteOnly && EnumStrings is null && EnumJson is null && ConstJson is null && AllOf is null && AnyOf is null
                && OneOf is null && Not < 0 && DiscriminatorProperty is null;
            // A string enum on an otherwise simple schema is still decided in place.
            QuickEligible = Simple || (EnumStrings is not null && !ReadOnly && !WriteOnly && EnumJson is null && ConstJson is null && AllOf is null
                && AnyOf is null && OneOf is null && Not < 0 && DiscriminatorProperty is null);
            NeedsNumber = Minimum is not null || Maximum is not null || ExclusiveMinimum is not null || ExclusiveMaximum is not null
                || MultipleOf is not null || FormatKind == FormatKind.Int32 || FormatKind == FormatKind.Int64;
            QuickAnyOf = AnyOf is { Length: > 0 } && AllOf is null && OneOf is null && Not < 0 && DiscriminatorProperty is null && !ReadOnly && !WriteOnly
                && EnumStrings is null && EnumJson is null && ConstJson is null && Type == JsonTypes.Any && !NeedsString && !NeedsNumber;
        }

        /// <summary>A cheap hash of a property name's UTF-8 bytes: its length, first, middle and last byte (the table is probed, so collisions only cost a comparison).</summary>
        internal static int NameHash(ReadOnlySpan<byte> name)
        {
            if (name.Length == 0) return 0;
            uint h = (uint)name.Length * 0x9E3779B1u;
            h = (h ^ name[0]) * 0x85EBCA6Bu;
            h = (h ^ name[name.Length >> 1]) * 0xC2B2AE35u;
            h = (h ^ name[name.Length - 1]) * 0x27D4EB2Fu;
            return (int)((h ^ (h >> 15)) & 0x7FFFFFFF);
        }

        /// <summary>The index of the declared property with this unescaped UTF-8 name, or -1.</summary>
        /// <summary>
        /// Whether text of <paramref name="bytes"/> bytes, with at most <paramref name="maxBytesPerCodePoint"/> bytes to a
        /// code point and at least one, meets <see cref="MinLength"/> and <see cref="MaxLength"/> whatever its characters;
        /// false means the code points must be counted.
        /// </summary>
        internal bool LengthsSettledBy(int bytes, int maxBytesPerCodePoint)
            => (MaxLength < 0 || bytes <= MaxLength) && (MinLength <= 0 || (bytes + maxBytesPerCodePoint - 1) / maxBytesPerCodePoint >= MinLength);

        internal int FindProperty(ReadOnlySpan<byte> name)
        {
            if (PropertyTable is not int[] table) return -1;
            int mask = table.Length - 1;
            int slot = NameHash(name) & mask;
            while (table[slot] is int entry && entry != 0)
            {
                if (name.SequenceEqual(Properties![entry - 1].Utf8Name)) return entry - 1;
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        private static decimal? ToDecimal(double? d)
        {
            if (d is not double v || double.IsNaN(v) || double.IsInfinity(v) || Math.Abs(v) >= 7.9e28) return null;
            // The conversion rounds to 15 significant digits, which gives back the literal of the description (0.1 → 0.1m).
            return (decimal)v;
        }
    }
}
