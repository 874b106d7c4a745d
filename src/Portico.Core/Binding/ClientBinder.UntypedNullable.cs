using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Portico.CodeGeneration.Binding
{
    /// <summary>
    /// OpenAPI 3.0's <c>nullable: true</c> on a schema without <c>type</c> (common beside <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>,
    /// as in Stripe's description) is dropped by Microsoft.OpenApi, which records nullability only in the type. The
    /// pointers of such schemas are read from the document's text once, so the validators still let null through.
    /// </summary>
    internal sealed partial class ClientBinder
    {
        private static readonly Regex s_openApi30 = new("(^|[{,\\s])[\"']?openapi[\"']?\\s*:\\s*[\"']?3\\.0", RegexOptions.Multiline | RegexOptions.CultureInvariant);

        private HashSet<string>? _untypedNullable;
        private HashSet<string>[]? _textFlags;

        /// <summary>
        /// What only the text tells, in one pass: [0] objects saying <c>additionalProperties: true</c>, [1] objects saying
        /// <c>nullable: true</c> without <c>type</c> (normalized pointers).
        /// </summary>
        private HashSet<string>[] ScanTextFlags()
            => _textFlags ??= Reading.SourceLocator.ObjectsWithTrueKeys(_input.Text, new[]
            {
                new Reading.SourceLocator.TrueKeyRule("additionalProperties", null),
                new Reading.SourceLocator.TrueKeyRule("nullable", "type"),
            });

        /// <summary>True when the schema at <paramref name="pointer"/> (<c>#/…</c>) says <c>nullable: true</c> without a <c>type</c>.</summary>
        private bool IsUntypedNullable(string pointer)
        {
            _untypedNullable ??= s_openApi30.IsMatch(_input.Text) ? ScanTextFlags()[1] : new HashSet<string>(StringComparer.Ordinal);
            return _untypedNullable.Count > 0 && _untypedNullable.Contains(Reading.SourceLocator.Normalize(pointer));
        }
    }
}
